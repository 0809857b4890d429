package dev.tailor.ingest.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/** A span around one stage of applying changes (chunking, embedding), child of the poll being applied. */
@ApplicationScoped
public class StageSpans {

    private final Tracer tracer;

    StageSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    public <T> T span(String name, Supplier<T> work) {
        Span span = tracer.spanBuilder(name).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
