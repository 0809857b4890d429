package dev.tailor.finetune.advice;

import dev.tailor.contracts.QueryMetric;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Query metrics summed per role group and hour: what the advisor needs (queries per day, answered share, tokens
 * per query) in memory that grows with the number of role groups and hours kept, not with the number of queries.
 * Hours older than {@code history} before the newest metric are forgotten as new hours begin.
 */
final class QueryTraffic {

    static final Duration BUCKET = Duration.ofHours(1);

    /** Sums over some queries of one role group. */
    record Totals(long queries, long answered, long retrievedTokensAnswered, long promptTokens, long completionTokens) {

        static final Totals NONE = new Totals(0, 0, 0, 0, 0);

        static Totals of(QueryMetric m) {
            return new Totals(1, m.answered() ? 1 : 0, m.answered() ? m.retrievedTokens() : 0, m.promptTokens(),
                    m.completionTokens());
        }

        Totals plus(Totals o) {
            return new Totals(queries + o.queries, answered + o.answered,
                    retrievedTokensAnswered + o.retrievedTokensAnswered, promptTokens + o.promptTokens,
                    completionTokens + o.completionTokens);
        }
    }

    private record Key(List<String> roles, long hour) {
    }

    private final Map<Key, Totals> buckets = new HashMap<>();
    private final long historyHours;
    private long newestHour = Long.MIN_VALUE;

    QueryTraffic(Duration history) {
        this.historyHours = Math.max(1, history.toSeconds() / BUCKET.toSeconds());
    }

    synchronized void add(QueryMetric metric) {
        List<String> roles = metric.roles() == null ? List.of() : List.copyOf(metric.roles());
        long hour = hourOf(metric.time());
        buckets.merge(new Key(roles, hour), Totals.of(metric), Totals::plus);
        if (hour > newestHour) {
            newestHour = hour;
            buckets.keySet().removeIf(key -> key.hour() < newestHour - historyHours);
        }
    }

    /** Totals per role group of the queries in the hours from the one holding {@code since} on. */
    synchronized Map<List<String>, Totals> since(Instant since) {
        long from = hourOf(since);
        Map<List<String>, Totals> totals = new HashMap<>();
        buckets.forEach((key, t) -> {
            if (key.hour() >= from) {
                totals.merge(key.roles(), t, Totals::plus);
            }
        });
        return totals;
    }

    synchronized int buckets() {
        return buckets.size();
    }

    private static long hourOf(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), BUCKET.toSeconds());
    }
}
