package dev.tailor.finetune.advice;

import dev.tailor.contracts.QueryMetric;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Replays queries.metrics (35-day retention) and keeps following it, for the advisor: summed per role group and
 * hour ({@link QueryTraffic}), so that memory does not grow with traffic.
 */
@ApplicationScoped
public class QueryMetricsTracker {

    /** As long as the topic keeps its records. */
    static final Duration HISTORY = Duration.ofDays(35);

    private final QueryTraffic traffic = new QueryTraffic(HISTORY);
    private TopicFollower follower;

    private final KafkaSupport kafka;

    QueryMetricsTracker(KafkaSupport kafka) {
        this.kafka = kafka;
    }

    @PostConstruct
    void start() {
        follower = kafka.follow(Topics.QUERIES_METRICS, record -> {
            if (record.value() == null) {
                return;
            }
            try {
                QueryMetric metric = KafkaSupport.JSON.readValue(record.value(), QueryMetric.class);
                if (metric.time() == null) {
                    metric = new QueryMetric(metric.roles(), metric.endpoint(), metric.strategy(), metric.model(),
                            metric.retrievedChunks(), metric.retrievedTokens(), metric.answered(), metric.promptTokens(),
                            metric.completionTokens(), metric.latencyMillis(), Instant.ofEpochMilli(record.timestamp()));
                }
                traffic.add(metric);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("not a QueryMetric: " + e.getMessage(), e);
            }
        });
    }

    /** Start replaying at startup, not at the first advice request: 35 days of metrics take a moment. */
    void init(@Observes io.quarkus.runtime.StartupEvent event) {
        // observing the event creates the bean, and @PostConstruct starts the follower
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean replayed() {
        return follower != null && follower.isCaughtUp();
    }

    /** Totals per role group (the sorted roles of the askers) since {@code since}, to the hour. */
    Map<List<String>, QueryTraffic.Totals> since(Instant since) {
        return traffic.since(since);
    }
}
