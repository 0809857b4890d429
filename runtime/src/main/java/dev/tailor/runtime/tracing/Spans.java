package dev.tailor.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * Work done inside a span that {@code @WithSpan} cannot declare: a span per record whose parent is the record's
 * producer, a span around a lambda. The span is current while the work runs, records what it throws as an error, and
 * ends either way.
 */
public final class Spans {

    /** Work that returns a value and may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Throwable> {
        T call() throws E;
    }

    private Spans() {
    }

    /** Starts {@code span}, runs {@code work} inside it and ends it. */
    public static <T, E extends Throwable> T call(SpanBuilder span, Work<T, E> work) throws E {
        Span started = span.startSpan();
        try (Scope ignored = started.makeCurrent()) {
            return work.call();
        } catch (Throwable e) {
            started.recordException(e);
            started.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            started.end();
        }
    }

    public static void run(SpanBuilder span, Runnable work) {
        call(span, () -> {
            work.run();
            return null;
        });
    }
}
