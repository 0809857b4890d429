package dev.tailor.runtime.tracing;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Kafka record's trace on the consuming side, for consumers the connector's own tracing does not cover (a poll
 * handled as one batch, plain kafka-clients followers): the producer's context from the record's W3C headers, and
 * the {@code <topic> process} span of handling the record, named and described as OpenTelemetry's messaging
 * conventions say.
 */
public final class KafkaTracing {

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

    private KafkaTracing() {
    }

    /** The producer's span context from W3C {@code traceparent}/{@code tracestate} headers; root when there is none. */
    public static Context producerContext(Headers headers) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HEADERS);
    }

    /** The span of processing {@code record}, child of {@code producer} (not started). */
    public static SpanBuilder processSpan(Tracer tracer, ConsumerRecord<?, ?> record, Context producer) {
        return tracer.spanBuilder(record.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(producer)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.kafka.message.key", String.valueOf(record.key()));
    }
}
