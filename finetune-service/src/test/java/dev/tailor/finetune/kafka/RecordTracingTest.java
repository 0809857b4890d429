package dev.tailor.finetune.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordTracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final RecordTracing tracing = new RecordTracing(provider.get("test"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aRecordWithTraceparentIsHandledInAChildOfItsProducersSpan() {
        List<String> traceIdsSeenByHandler = new ArrayList<>();
        tracing.<String, String>traced(r -> traceIdsSeenByHandler.add(Span.current().getSpanContext().getTraceId()))
                .accept(record("00-" + TRACE + "-" + PARENT + "-01"));

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("docs.indexed process");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT);
        assertThat(traceIdsSeenByHandler).containsExactly(TRACE);
    }

    @Test
    void aRecordWithoutTraceparentIsHandledWithoutASpan() {
        List<String> handled = new ArrayList<>();
        tracing.<String, String>traced(r -> handled.add(r.key())).accept(record(null));

        assertThat(handled).containsExactly("doc-1");
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aFailingHandlerEndsItsSpanAsAnError() {
        assertThatThrownBy(() -> tracing.<String, String>traced(r -> {
            throw new IllegalStateException("cannot take it");
        }).accept(record("00-" + TRACE + "-" + PARENT + "-01"))).hasMessage("cannot take it");

        assertThat(exported.getFinishedSpanItems()).singleElement()
                .satisfies(s -> assertThat(s.getStatus().getStatusCode().name()).isEqualTo("ERROR"));
    }

    private static ConsumerRecord<String, String> record(String traceparent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("docs.indexed", 0, 7, "doc-1", "{}");
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
