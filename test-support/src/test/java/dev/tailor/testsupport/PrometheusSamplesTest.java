package dev.tailor.testsupport;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusSamplesTest {

    private static final String EXPOSITION = """
            # HELP tailor_ingest_events_total docs.changes records by outcome
            # TYPE tailor_ingest_events_total counter
            tailor_ingest_events_total{outcome="ignored"} 2.0
            tailor_ingest_events_total{outcome="indexed"} 7.0 # {span_id="00f067aa0ba902b7",trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 1.0 1764622441.123
            tailor_ingest_chunks_embedded_total 12.0
            tailor_model_generation_seconds_count{model="fine-tuned",outcome="ok"} 3
            tailor_model_generation_seconds_count{model="fine-tuned",outcome="error"} 1
            tailor_model_generation_seconds_count{model="base",outcome="ok"} 5
            http_server_requests_seconds_bucket{le="+Inf",uri="/v1/a \\"b\\", c",} 4.0 1764622441123
            """;

    @Test
    void aSampleIsReadByNameAndLabels() {
        assertThat(PrometheusSamples.sum(EXPOSITION, "tailor_ingest_events_total", Map.of("outcome", "ignored")))
                .isEqualTo(2.0);
        assertThat(PrometheusSamples.sum(EXPOSITION, "tailor_ingest_chunks_embedded_total", Map.of())).isEqualTo(12.0);
    }

    @Test
    void theValueIsTheOneAfterTheLabelsNotAnExemplarsOrATimestamp() {
        assertThat(PrometheusSamples.sum(EXPOSITION, "tailor_ingest_events_total", Map.of("outcome", "indexed")))
                .isEqualTo(7.0);
        assertThat(PrometheusSamples.parse(EXPOSITION)).last().satisfies(s -> {
            assertThat(s.labels()).containsExactly(Map.entry("le", "+Inf"), Map.entry("uri", "/v1/a \"b\", c"));
            assertThat(s.value()).isEqualTo(4.0);
        });
    }

    @Test
    void samplesMatchingSomeLabelsAreSummedAndNoneIsZero() {
        assertThat(PrometheusSamples.sum(EXPOSITION, "tailor_model_generation_seconds_count",
                Map.of("model", "fine-tuned", "outcome", "ok"))).isEqualTo(3.0);
        assertThat(PrometheusSamples.sum(EXPOSITION, "tailor_model_generation_seconds_count", Map.of("outcome", "ok")))
                .isEqualTo(8.0);
        assertThat(PrometheusSamples.sum(EXPOSITION, "tailor_ingest_events_total", Map.of("outcome", "nope"))).isZero();
        assertThat(PrometheusSamples.sum(EXPOSITION, "tailor_ingest_events", Map.of())).isZero();
    }
}
