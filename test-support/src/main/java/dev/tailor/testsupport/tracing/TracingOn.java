package dev.tailor.testsupport.tracing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The test profile of a tracing test: the SDK on, spans exported to {@link InMemorySpans} only, promptly. */
public class TracingOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                // the in-memory exporter only: no collector runs here
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
