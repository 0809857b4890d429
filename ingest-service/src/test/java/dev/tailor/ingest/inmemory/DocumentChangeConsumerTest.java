package dev.tailor.ingest.inmemory;

import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.ingest.events.DeadLetterPublisher;
import dev.tailor.ingest.health.IndexAvailability;
import dev.tailor.ingest.index.FakeDocumentIndex;
import dev.tailor.ingest.support.SampleDocuments;
import dev.tailor.testsupport.DocumentChanges;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.tailor.testsupport.TopicTail.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code DocumentChangeConsumer} without any stack: polls go in through SmallRye's in-memory connector, the index is
 * a test double, docs.indexed and the DLQ are in-memory sinks.
 */
@QuarkusTest
@TestProfile(InMemoryProfile.class)
class DocumentChangeConsumerTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    FakeDocumentIndex index;

    @Inject
    IndexAvailability availability;

    private InMemorySource<Message<ConsumerRecords<String, byte[]>>> polls;
    private InMemorySink<String> indexed;
    private InMemorySink<byte[]> dlq;
    private final AtomicLong offsets = new AtomicLong();

    @BeforeEach
    void channels() {
        polls = connector.source("docs-changes");
        indexed = connector.sink("docs-indexed");
        dlq = connector.sink("docs-changes-dlq");
        indexed.clear();
        dlq.clear();
    }

    @Test
    void aDocumentWhoseObjectsWeaviateRejectsIsDeadLetteredAndTheRestOfItsWaveIndexed() {
        String a = DocumentChanges.newDocId("wave-a");
        String b = DocumentChanges.newDocId("wave-b");
        String c = DocumentChanges.newDocId("wave-c");
        index.refuseObjectsOf(b);
        AtomicBoolean acked = poll(upsert(a), upsert(b), upsert(c));

        await().atMost(Duration.ofSeconds(60)).untilTrue(acked);
        assertThat(keys(indexed)).containsExactlyInAnyOrder(a, c);
        assertThat(index.document(a)).isPresent();
        assertThat(index.document(c)).isPresent();
        assertThat(index.document(b)).isEmpty();
        assertThat(keys(dlq)).containsExactly(b);
        Headers headers = metadata(dlq.received().get(0)).getHeaders();
        assertThat(header(headers, DeadLetterPublisher.KIND)).isEqualTo("failed");
        assertThat(header(headers, DeadLetterPublisher.REASON)).contains("Weaviate rejected its objects")
                .contains("refused by the test double");
        assertThat(header(headers, DeadLetterPublisher.EXCEPTION_CLASS)).endsWith("ObjectsRejectedException");
        assertThat(header(headers, DeadLetterPublisher.TOPIC)).isEqualTo("docs.changes");
    }

    @Test
    void weaviateDownIsRetriedUntilItIsBackWhileReadinessSaysSo() {
        String a = DocumentChanges.newDocId("outage");
        index.unavailableFor(5);
        AtomicBoolean acked = poll(upsert(a));

        await().atMost(Duration.ofSeconds(30)).until(() -> availability.outage().isPresent() || acked.get());
        await().atMost(Duration.ofSeconds(60)).untilTrue(acked);
        assertThat(keys(indexed)).containsExactly(a);
        assertThat(dlq.received()).isEmpty();
        assertThat(availability.outage()).isEmpty();
    }

    @Test
    void aRecordOverALimitGoesToTheDeadLetterQueueWithTheLimitAndTheOthersAreIndexed() {
        String ok = DocumentChanges.newDocId("ok");
        String big = DocumentChanges.newDocId("big-title");
        AtomicBoolean acked = poll(upsert(ok), DocumentChanges.upsert(new DocumentUpserted(big, 1L, "T".repeat(5000),
                "content", "text/markdown", List.of("hr"), null, null, null)));

        await().atMost(Duration.ofSeconds(60)).untilTrue(acked);
        assertThat(keys(indexed)).containsExactly(ok);
        assertThat(keys(dlq)).containsExactly(big);
        Headers headers = metadata(dlq.received().get(0)).getHeaders();
        assertThat(header(headers, DeadLetterPublisher.LIMIT)).isEqualTo("tailor.ingest.limits.title-bytes");
        assertThat(header(headers, DeadLetterPublisher.KIND)).isEqualTo("limit");
    }

    @Test
    void aChunkWriteThatWeaviateDiedInIsRewrittenWholeSoThatNoChunkStaysOutOfTheFilters() {
        String a = DocumentChanges.newDocId("interrupted");
        index.interruptNextChunkWrite();
        AtomicBoolean acked = poll(DocumentChanges.upsert(DocumentChanges.doc(a, 1, "Interrupted",
                SampleDocuments.markdown(SampleDocuments.paragraphs(a, 3, 3)), "hr")));

        await().atMost(Duration.ofSeconds(60)).untilTrue(acked);
        assertThat(keys(indexed)).containsExactly(a);
        int chunks = index.document(a).orElseThrow().chunkCount();
        assertThat(chunks).isGreaterThan(1);
        assertThat(index.chunkCount(a)).isEqualTo(chunks);
        assertThat(index.orphans(a)).isEmpty();
        assertThat(dlq.received()).isEmpty();
    }

    @Test
    void aRedeliveredChangeAlreadyIndexedIsAnnouncedAgainSoThatNoDocsIndexedRecordIsLost() {
        String a = DocumentChanges.newDocId("again");
        await().atMost(Duration.ofSeconds(60)).untilTrue(poll(upsert(a)));
        await().atMost(Duration.ofSeconds(60)).untilTrue(poll(upsert(a)));
        assertThat(keys(indexed)).containsExactly(a, a);
        assertThat(dlq.received()).isEmpty();
    }

    private static ProducerRecord<String, byte[]> upsert(String docId) {
        return DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Title of " + docId, "A paragraph of " + docId + ".",
                "hr"));
    }

    /** Sends the records as one poll; the flag turns true when the consumer acknowledged it. */
    @SafeVarargs
    private AtomicBoolean poll(ProducerRecord<String, byte[]>... records) {
        TopicPartition partition = new TopicPartition("docs.changes", 0);
        List<ConsumerRecord<String, byte[]>> consumed = new ArrayList<>();
        for (ProducerRecord<String, byte[]> r : records) {
            consumed.add(new ConsumerRecord<>(partition.topic(), 0, offsets.getAndIncrement(), System.currentTimeMillis(),
                    TimestampType.CREATE_TIME, -1, -1, r.key(), r.value(), r.headers(), Optional.empty()));
        }
        AtomicBoolean acked = new AtomicBoolean();
        polls.send(Message.of(new ConsumerRecords<>(Map.of(partition, consumed), Map.of())).withAck(() -> {
            acked.set(true);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }

    private static List<String> keys(InMemorySink<?> sink) {
        return sink.received().stream().map(m -> (String) metadata(m).getKey()).toList();
    }

    @SuppressWarnings("unchecked")
    private static OutgoingKafkaRecordMetadata<String> metadata(Message<?> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    }
}
