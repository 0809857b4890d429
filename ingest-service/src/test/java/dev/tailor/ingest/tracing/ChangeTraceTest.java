package dev.tailor.ingest.tracing;

import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.Topics;
import dev.tailor.testsupport.Awaits;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.TopicTail;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.testsupport.tracing.TraceIds;
import dev.tailor.testsupport.tracing.TracingOn;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer's trace, carried by the CloudEvents distributed-tracing extension of a structured event, continues
 * through ingest-service — the record's processing, the poll's chunking, embedding and Weaviate writes — into the
 * docs.indexed record, whose W3C traceparent carries it on to finetune-service.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
class ChangeTraceTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void aChangeIsTracedFromItsProducerToDocsIndexed() throws Exception {
        String traceId = TraceIds.traceId();
        String producerSpanId = TraceIds.spanId();
        String docId = DocumentChanges.newDocId("traced");
        try (TopicWriter topic = new TopicWriter(); TopicTail indexed = new TopicTail(Topics.DOCS_INDEXED)) {
            Awaits.repeatUntil("docs.indexed has the traced change", Duration.ofSeconds(60), Duration.ofSeconds(3),
                    version -> topic.send(tracedUpsert(docId, version, TraceIds.traceparent(traceId, producerSpanId))),
                    () -> !indexed.withKey(docId).isEmpty());

            assertThat(TopicTail.header(indexed.withKey(docId).get(0).headers(), "traceparent"))
                    .as("docs.indexed carries the trace on").isNotNull().contains(traceId);
        }

        Awaits.repeatUntil("the poll's spans are exported", Duration.ofSeconds(10), Duration.ofSeconds(1), attempt -> {
        }, () -> named("weaviate write documents", traceId).isPresent());
        // the poll that indexed the change last (a change sent again before docs.indexed showed makes a second one)
        SpanData poll = named("ingest poll", traceId).orElseThrow();
        SpanData process = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getSpanId().equals(poll.getParentSpanId()))
                .findFirst().orElseThrow();
        assertThat(process.getName()).isEqualTo("docs.changes process");
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getParentSpanId()).as("child of the producer's span").isEqualTo(producerSpanId);
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
}
