package dev.tailor.model.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A chat request that carries query-service's W3C traceparent is served inside that trace: model-service is one hop
 * of the trace of a /v1/chat/completions request to query-service.
 */
@QuarkusTest
@TestProfile(TraceContinuationTest.TracingOn.class)
class TraceContinuationTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CALLER = "b7ad6b7169203331";

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aChatRequestContinuesItsCallersTrace() {
        given().header("traceparent", "00-" + TRACE + "-" + CALLER + "-01").contentType("application/json")
                .body(Map.of("model", "smollm2-135m", "max_tokens", 4, "temperature", 0,
                        "messages", List.of(Map.of("role", "user", "content", "Say yes."))))
                .post("/v1/chat/completions")
                .then().statusCode(200);

        SpanData server = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(TRACE) && s.getKind() == SpanKind.SERVER)
                .findFirst().orElse(null), s -> s != null);
        assertThat(server.getParentSpanId()).isEqualTo(CALLER);
        assertThat(server.getName()).contains("/v1/chat/completions");
    }
}
