package dev.tailor.ingest.tracing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The trace a producer started for a change, from the CloudEvents distributed-tracing extension ({@code traceparent},
 * {@code tracestate}): a top-level attribute of a structured event, a {@code ce_} header of a binary one; else the
 * plain W3C headers an instrumented Kafka producer adds. Root when the record carries none.
 */
final class ProducerContext {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private ProducerContext() {
    }

    static Context of(ConsumerRecord<String, byte[]> record) {
        Map<String, String> carrier = new HashMap<>();
        copyHeader(record, TRACEPARENT, TRACEPARENT, carrier);
        copyHeader(record, TRACESTATE, TRACESTATE, carrier);
        copyHeader(record, "ce_" + TRACEPARENT, TRACEPARENT, carrier);
        copyHeader(record, "ce_" + TRACESTATE, TRACESTATE, carrier);
        if (!carrier.containsKey(TRACEPARENT) && record.value() != null) {
            structuredExtension(record.value(), carrier);
        }
        return carrier.containsKey(TRACEPARENT)
                ? W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER)
                : Context.root();
    }

    private static void copyHeader(ConsumerRecord<String, byte[]> record, String header, String key,
                                   Map<String, String> carrier) {
        Header h = record.headers().lastHeader(header);
        if (h != null && h.value() != null) {
            carrier.put(key, new String(h.value(), StandardCharsets.UTF_8));
        }
    }

    /** Reads the event's top-level attributes only, skipping {@code data} unread (it may be a megabyte). */
    private static void structuredExtension(byte[] value, Map<String, String> carrier) {
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if ((TRACEPARENT.equals(name) || TRACESTATE.equals(name)) && token == JsonToken.VALUE_STRING) {
                    carrier.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException malformed) {
            // the decoder dead-letters a malformed event; its trace is simply not continued
        }
    }
}
