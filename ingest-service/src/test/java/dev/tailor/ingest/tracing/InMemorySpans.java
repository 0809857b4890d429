package dev.tailor.ingest.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Finished spans kept in memory for the tracing test. Every test application has this exporter, but spans exist only
 * where tracing is on ({@link ChangeTraceTest}'s profile): elsewhere the SDK is disabled, as it is by default.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
