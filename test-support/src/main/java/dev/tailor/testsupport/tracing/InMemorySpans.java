package dev.tailor.testsupport.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Finished spans kept in memory: a test injects the {@link InMemorySpanExporter}. Every Quarkus test application of a
 * module with this kit has the exporter, but spans exist only where a test turns tracing on ({@link TracingOn}):
 * elsewhere the SDK is disabled, as it is by default.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
