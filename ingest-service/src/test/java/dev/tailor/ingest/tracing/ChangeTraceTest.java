package dev.tailor.ingest.tracing;

import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.Topics;
import dev.tailor.testsupport.Awaits;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.TopicTail;
import dev.tailor.testsupport.TopicWriter;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer's trace, carried by the CloudEvents distributed-tracing extension of a structured event, continues
 * through ingest-service — the record's processing, the poll's chunking, embedding and Weaviate writes — into the
 * docs.indexed record, whose W3C traceparent carries it on to finetune-service.
 */
@QuarkusTest
@TestProfile(ChangeTraceTest.TracingOn.class)
class ChangeTraceTest {

    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.otel.sdk.disabled", "false",
                    // the in-memory exporter only: no collector runs here
                    "quarkus.otel.exporter.otlp.enabled", "false",
                    "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aChangeIsTracedFromItsProducerToDocsIndexed() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String producerSpanId = HexFormat.of().formatHex(randomBytes(8));
        String docId = DocumentChanges.newDocId("traced");
        try (TopicWriter topic = new TopicWriter(); TopicTail indexed = new TopicTail(Topics.DOCS_INDEXED)) {
            Awaits.repeatUntil("docs.indexed has the traced change", Duration.ofSeconds(60), Duration.ofSeconds(3),
                    version -> topic.send(tracedUpsert(docId, version, "00-" + traceId + "-" + producerSpanId + "-01")),
                    () -> !indexed.withKey(docId).isEmpty());

            Header traceparent = indexed.withKey(docId).get(0).headers().lastHeader("traceparent");
            assertThat(traceparent).as("docs.indexed carries the trace on").isNotNull();
            assertThat(new String(traceparent.value(), StandardCharsets.UTF_8)).contains(traceId);
        }

        Awaits.repeatUntil("the poll's spans are exported", Duration.ofSeconds(10), Duration.ofSeconds(1), attempt -> {
        }, () -> named("weaviate write documents", traceId).isPresent());
        SpanData process = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals("docs.changes process"))
                .findFirst().orElseThrow();
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getParentSpanId()).as("child of the producer's span").isEqualTo(producerSpanId);
        SpanData poll = named("ingest poll", traceId).orElseThrow();
        assertThat(poll.getParentSpanId()).isEqualTo(process.getSpanId());
        for (String stage : List.of("chunk", "embed", "weaviate read documents", "weaviate write chunks",
                "weaviate write documents")) {
            assertThat(named(stage, traceId)).as(stage).get()
                    .extracting(SpanData::getParentSpanId).isEqualTo(poll.getSpanId());
        }
        assertThat(spans.getFinishedSpanItems()).as("the docs.indexed record is sent in the trace")
                .anyMatch(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.PRODUCER
                        && s.getName().startsWith(Topics.DOCS_INDEXED));
    }

    private Optional<SpanData> named(String name, String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals(name))
                .reduce((first, later) -> later);
    }

    /** A structured CloudEvent as a traced producer publishes it: traceparent is an attribute of the event. */
    private static ProducerRecord<String, byte[]> tracedUpsert(String docId, long version, String traceparent) {
        var event = CloudEventBuilder.v1(DocumentChangeEvents.upserted(DocumentChanges.doc(docId, version,
                        "Traced note " + version, "# Traced note\n\nThe quorvane gauge is calibrated every " + version
                                + " days.\n", "engineering")))
                .withExtension("traceparent", traceparent)
                .build();
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, docId, DocumentChangeEvents.structured(event),
                DocumentChanges.structuredHeaders());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return b;
    }
}
