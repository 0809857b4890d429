package dev.tailor.finetune.kafka;

import dev.tailor.runtime.tracing.KafkaTracing;
import dev.tailor.runtime.tracing.Spans;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.function.Consumer;

/**
 * Continues a producer's trace into a follower's handler: a record that carries W3C {@code traceparent} (docs.indexed
 * from ingest-service does) is handled inside a {@code <topic> process} span, child of the producer's. Records
 * without one (history written before tracing, untraced producers) are handled as they are, without a span.
 */
@ApplicationScoped
public class RecordTracing {

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
            Spans.run(KafkaTracing.processSpan(tracer, record, KafkaTracing.producerContext(record.headers())),
                    () -> handler.accept(record));
        };
    }
}
