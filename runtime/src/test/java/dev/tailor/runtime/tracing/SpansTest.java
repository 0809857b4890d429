package dev.tailor.runtime.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpansTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final Tracer tracer = provider.get("test");

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void workRunsInsideTheSpanWhichEndsAfterIt() {
        String seen = Spans.call(tracer.spanBuilder("stage"), () -> Span.current().getSpanContext().getSpanId());

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("stage");
        assertThat(span.getSpanId()).isEqualTo(seen);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(Span.current().getSpanContext().isValid()).as("no longer current").isFalse();
    }

    @Test
    void whatTheWorkThrowsIsRecordedAndRethrownUnchanged() {
        IOException failure = new IOException("disk gone");

        assertThatThrownBy(() -> Spans.call(tracer.spanBuilder("stage"), () -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(exported.getFinishedSpanItems()).singleElement().satisfies(s -> {
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(s.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
        });
    }

    @Test
    void aRecordIsProcessedInAChildOfItsProducersSpan() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("docs.indexed", 2, 7, "doc-1", "{}");
        record.headers().add("traceparent", ("00-" + TRACE + "-" + PARENT + "-01").getBytes(StandardCharsets.UTF_8));

        Spans.run(KafkaTracing.processSpan(tracer, record, KafkaTracing.producerContext(record.headers())), () -> { });

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("docs.indexed process");
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo(PARENT);
        assertThat(span.getAttributes().asMap()).extractingFromEntries(e -> e.getKey().getKey() + "=" + e.getValue())
                .contains("messaging.destination.partition.id=2", "messaging.kafka.offset=7",
                        "messaging.kafka.message.key=doc-1");
    }

    @Test
    void aRecordWithoutTraceparentHasNoProducerContext() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("docs.indexed", 0, 7, "doc-1", "{}");

        assertThat(Span.fromContext(KafkaTracing.producerContext(record.headers())).getSpanContext().isValid()).isFalse();
    }
}
