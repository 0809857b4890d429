package dev.tailor.query.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Finished spans in memory. Every test application has this exporter, but spans exist only where a test turns tracing
 * on ({@link ChatTraceTest}): elsewhere the SDK is disabled, as it is by default.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
