package dev.tailor.ingest;

import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.DocumentDeleted;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.contracts.Topics;
import dev.tailor.ingest.events.DeadLetterPublisher;
import dev.tailor.ingest.index.DocumentIndex;
import dev.tailor.testsupport.DocumentChanges;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.ingest.support.ConsumerWarmup;
import dev.tailor.ingest.support.DeadLetterTail;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tailor.testsupport.TopicTail.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every kind of invalid record reaches docs.changes.dlq, byte for byte, with its reason; good ones keep flowing. */
@QuarkusTest
class DeadLetterTest {

    @Inject
    DocumentIndex index;

    record Bad(String key, byte[] value, RecordHeaders headers, String reason) {
    }

    @Test
    void eachKindOfInvalidEventIsDeadLetteredWhileGoodEventsKeepFlowing() throws Exception {
        // the tail reads the DLQ from its end now: before anything is published
        try (TopicWriter topic = new TopicWriter(); DeadLetterTail dlq = new DeadLetterTail()) {
            ConsumerWarmup.await(topic, index);
            Map<String, Bad> bad = new LinkedHashMap<>();
            add(bad, "badjson", id -> raw("{\"specversion\": \"1.0\", broken"), "value is not JSON");
            add(bad, "notcloudevent", id -> raw("{\"docId\": \"" + id + "\"}"), "not a CloudEvent");
            add(bad, "unknowntype", id -> structured(new String(DocumentChangeEvents.structured(DocumentChangeEvents
                    .deleted(new DocumentDeleted(id, 1L))), StandardCharsets.UTF_8)
                    .replace("tailor.document.deleted", "tailor.document.archived")), "unknown CloudEvent type");
            add(bad, "nodocid", id -> upsert(new DocumentUpserted(null, 1L, "t", "c", null, List.of("hr"), null, null, null)),
                    "no docId");
            add(bad, "noversion", id -> upsert(new DocumentUpserted(id, null, "t", "c", null, List.of("hr"), null, null, null)),
                    "no version");
            add(bad, "noroles", id -> upsert(new DocumentUpserted(id, 1L, "t", "c", null, null, null, null, null)),
                    "no allowedRoles");
            add(bad, "emptyroles", id -> upsert(new DocumentUpserted(id, 1L, "t", "c", null, List.of(), null, null, null)),
                    "no allowedRoles");
            add(bad, "emptycontent", id -> upsert(new DocumentUpserted(id, 1L, "t", " ", null, List.of("hr"), null, null, null)),
                    "empty content");
            add(bad, "toolarge", id -> upsert(new DocumentUpserted(id, 1L, "t", "word ".repeat(14_000), null,
                    List.of("hr"), null, null, null)), "over the limit of 65536");

            String good = DocumentChanges.newDocId("dlq-good");
            for (Bad b : bad.values()) {
                topic.send(new ProducerRecord<>(Topics.DOCS_CHANGES, null, b.key(), b.value(), b.headers()));
            }
            topic.send(DocumentChanges.upsert(DocumentChanges.doc(good, 1, "Good", "A good event after the bad ones.", "hr")));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (Bad b : bad.values()) {
                    // (not exactly one: an ingest-service running beside the tests dead-letters the same record too)
                    assertThat(dlq.copies(b.key())).as("DLQ record of %s", b.key()).isNotEmpty();
                }
            });
            for (Bad b : bad.values()) {
                ConsumerRecord<String, byte[]> dead = dlq.copies(b.key()).get(0);
                assertThat(dead.value()).as("original bytes of %s", b.key()).isEqualTo(b.value());
                assertThat(header(dead.headers(), DeadLetterPublisher.REASON)).as("reason of %s", b.key()).contains(b.reason());
                assertThat(header(dead.headers(), DeadLetterPublisher.TOPIC)).isEqualTo(Topics.DOCS_CHANGES);
                assertThat(header(dead.headers(), DeadLetterPublisher.PARTITION)).matches("\\d+");
                assertThat(header(dead.headers(), DeadLetterPublisher.OFFSET)).matches("\\d+");
                assertThat(header(dead.headers(), DeadLetterPublisher.KIND)).isIn("invalid", "limit");
                for (Header original : b.headers()) {
                    assertThat(dead.headers().lastHeader(original.key()).value()).isEqualTo(original.value());
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> index.document(good).isPresent());
        }
    }


    private static void add(Map<String, Bad> bad, String kind, java.util.function.Function<String, Bad> make, String reason) {
        String key = DocumentChanges.newDocId("dlq-" + kind);
        Bad b = make.apply(key);
        bad.put(kind, new Bad(key, b.value(), b.headers(), reason));
    }

    private static Bad raw(String value) {
        return new Bad(null, value.getBytes(StandardCharsets.UTF_8), new RecordHeaders(), null);
    }

    private static Bad structured(String value) {
        return new Bad(null, value.getBytes(StandardCharsets.UTF_8), DocumentChanges.structuredHeaders(), null);
    }

    private static Bad upsert(DocumentUpserted data) {
        return new Bad(null, DocumentChangeEvents.structured(DocumentChangeEvents.upserted(data)),
                DocumentChanges.structuredHeaders(), null);
    }
}
