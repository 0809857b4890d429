package dev.tailor.finetune.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Continues a producer's trace into a follower's handler: a record that carries W3C {@code traceparent} (docs.indexed
 * from ingest-service does) is handled inside a {@code <topic> process} span, child of the producer's. Records
 * without one (history written before tracing, untraced producers) are handled as they are, without a span.
 */
@ApplicationScoped
public class RecordTracing {

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header h = carrier == null ? null : carrier.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;

    RecordTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    public <K, V> Consumer<ConsumerRecord<K, V>> traced(Consumer<ConsumerRecord<K, V>> handler) {
        return record -> {
            if (record.headers().lastHeader("traceparent") == null) {
                handler.accept(record);
                return;
            }
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(), HEADERS);
            Span span = tracer.spanBuilder(record.topic() + " process")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(parent)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.kafka.offset", record.offset())
                    .setAttribute("messaging.kafka.message.key", String.valueOf(record.key()))
                    .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                handler.accept(record);
            } catch (RuntimeException | Error e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                throw e;
            } finally {
                span.end();
            }
        };
    }
}
