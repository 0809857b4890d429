package dev.tailor.finetune.advice;

import dev.tailor.contracts.QueryMetric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTrafficTest {

    static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

    @Test
    void sumsQueriesPerRoleGroupWhateverTheirNumber() {
        QueryTraffic traffic = new QueryTraffic(Duration.ofDays(35));
        for (int i = 0; i < 10_000; i++) {
            traffic.add(metric(List.of("engineering", "public"), i % 2 == 0, 1000, NOON.plusSeconds(i % 3600)));
            traffic.add(metric(List.of("public"), false, 0, NOON.plusSeconds(i % 3600)));
        }

        assertThat(traffic.buckets()).isEqualTo(2);
        var totals = traffic.since(NOON);
        assertThat(totals.get(List.of("engineering", "public")))
                .isEqualTo(new QueryTraffic.Totals(10_000, 5_000, 5_000_000, 20_000_000, 1_000_000));
        assertThat(totals.get(List.of("public")).queries()).isEqualTo(10_000);
        assertThat(totals.get(List.of("public")).answered()).isZero();
    }

    @Test
    void countsTheHoursFromTheOneHoldingTheStartOfTheWindow() {
        QueryTraffic traffic = new QueryTraffic(Duration.ofDays(35));
        traffic.add(metric(List.of("hr"), true, 10, NOON.minus(Duration.ofHours(2))));
        traffic.add(metric(List.of("hr"), true, 20, NOON.plus(Duration.ofMinutes(10))));
        traffic.add(metric(List.of("hr"), true, 30, NOON.plus(Duration.ofMinutes(50))));

        assertThat(traffic.since(NOON.plus(Duration.ofMinutes(30))).get(List.of("hr")).retrievedTokensAnswered())
                .isEqualTo(50);
        assertThat(traffic.since(NOON.minus(Duration.ofDays(1))).get(List.of("hr")).queries()).isEqualTo(3);
        assertThat(traffic.since(NOON.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void forgetsHoursOlderThanItsHistoryAsNewHoursBegin() {
        QueryTraffic traffic = new QueryTraffic(Duration.ofDays(35));
        traffic.add(metric(List.of("hr"), true, 10, NOON.minus(Duration.ofDays(40))));
        traffic.add(metric(List.of("hr"), true, 10, NOON.minus(Duration.ofDays(20))));
        assertThat(traffic.buckets()).isEqualTo(2);

        traffic.add(metric(List.of("hr"), true, 10, NOON));

        assertThat(traffic.buckets()).isEqualTo(2);
        assertThat(traffic.since(Instant.EPOCH).get(List.of("hr")).queries()).isEqualTo(2);
    }

    private static QueryMetric metric(List<String> roles, boolean answered, long retrievedTokens, Instant time) {
        return new QueryMetric(roles, "ask", "rag", "extractive", answered ? 3 : 0, retrievedTokens, answered, 2000, 100,
                50, time);
    }
}
