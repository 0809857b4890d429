package dev.tailor.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.Topics;
import dev.tailor.ingest.index.DocumentIndex;
import dev.tailor.ingest.index.IndexedDocument;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.PrometheusSamples;
import org.apache.kafka.clients.producer.ProducerRecord;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.ingest.support.ConsumerWarmup;
import dev.tailor.ingest.support.IndexProbe;
import dev.tailor.ingest.support.SampleDocuments;
import dev.tailor.testsupport.TopicTail;
import io.quarkus.test.junit.QuarkusTest;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The pipeline end to end, against the real Kafka and Weaviate: docs.changes in, index and docs.indexed out. */
@QuarkusTest
class IngestPipelineTest {

    private static TopicWriter topic;
    private static TopicTail indexedTopic;

    @Inject
    DocumentIndex index;
    @Inject
    WeaviateClient weaviate;
    @Inject
    ObjectMapper json;

    IndexProbe probe;

    @BeforeAll
    static void connect() {
        topic = new TopicWriter();
        indexedTopic = new TopicTail(Topics.DOCS_INDEXED);
    }

    @AfterAll
    static void disconnect() {
        topic.close();
        indexedTopic.close();
    }

    @BeforeEach
    void consumerIsInPlace() throws InterruptedException {
        probe = new IndexProbe(weaviate);
        ConsumerWarmup.await(topic, index);
    }

    @Test
    void anUpsertIsChunkedEmbeddedAndIndexedWithItsRoles() {
        String docId = DocumentChanges.newDocId("create");
        var sections = SampleDocuments.paragraphs(docId, 3, 2);
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Create test", SampleDocuments.markdown(sections), "engineering", "hr")));

        DocumentIndexed indexed = awaitIndexed(docId, 1);

        assertThat(indexed.op()).isEqualTo(DocumentIndexed.Op.UPSERTED);
        assertThat(indexed.chunkCount()).isEqualTo(6);
        assertThat(indexed.chunksEmbedded()).isEqualTo(6);
        assertThat(indexed.chunksReused()).isZero();
        assertThat(indexed.allowedRoles()).containsExactly("engineering", "hr");
        assertThat(indexed.tokenCount()).isPositive();
        assertThat(indexed.contentHash()).hasSize(64);
        assertThat(indexed.indexedTime()).isAfterOrEqualTo(indexed.eventTime());
        var chunks = probe.chunks(docId);
        assertThat(chunks).extracting(IndexProbe.ChunkObject::index).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(chunks).extracting(IndexProbe.ChunkObject::uuid)
                .containsExactly(ids(docId, 6));
        assertThat(chunks.get(2).text()).isEqualTo("Create test › Section 1\n\n" + sections.get(1).get(0));
        assertThat(chunks).allSatisfy(c -> assertThat(c.roles()).containsExactly("engineering", "hr"));
        IndexedDocument document = index.document(docId).orElseThrow();
        assertThat(document.version()).isEqualTo(1);
        assertThat(document.chunkCount()).isEqualTo(6);
        assertThat(document.deleted()).isFalse();
    }

    @Test
    void editingOneParagraphOfALongDocumentEmbedsOnlyTheTouchedChunk() {
        String docId = DocumentChanges.newDocId("edit");
        var sections = SampleDocuments.paragraphs(docId, 10, 5);
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Edit test", SampleDocuments.markdown(sections), "engineering")));
        assertThat(awaitIndexed(docId, 1).chunksEmbedded()).isEqualTo(50);
        double embeddedBefore = counter("tailor_ingest_chunks_embedded_total", Map.of());

        var edited = SampleDocuments.copy(sections);
        edited.get(6).set(3, edited.get(6).get(3) + " Quokkaedit appended.");
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 2, "Edit test", SampleDocuments.markdown(edited), "engineering")));

        DocumentIndexed indexed = awaitIndexed(docId, 2);
        assertThat(indexed.chunkCount()).isEqualTo(50);
        assertThat(indexed.chunksEmbedded()).isEqualTo(1);
        assertThat(indexed.chunksReused()).isEqualTo(49);
        assertThat(counter("tailor_ingest_chunks_embedded_total", Map.of()) - embeddedBefore).isGreaterThanOrEqualTo(1);
        assertThat(probe.chunks(docId)).hasSize(50)
                .filteredOn(c -> c.text().contains("Quokkaedit")).extracting(IndexProbe.ChunkObject::index)
                .containsExactly(6 * 5 + 3);
    }

    @Test
    void movingAParagraphWithinItsSectionEmbedsNothing() {
        String docId = DocumentChanges.newDocId("move");
        var sections = SampleDocuments.paragraphs(docId, 2, 4);
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Move test", SampleDocuments.markdown(sections), "engineering")));
        awaitIndexed(docId, 1);

        var moved = SampleDocuments.copy(sections);
        moved.get(1).add(0, moved.get(1).remove(3));
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 2, "Move test", SampleDocuments.markdown(moved), "engineering")));

        DocumentIndexed indexed = awaitIndexed(docId, 2);
        assertThat(indexed.chunksEmbedded()).isZero();
        assertThat(indexed.chunksReused()).isEqualTo(8);
        assertThat(probe.chunks(docId).get(4).text()).endsWith(sections.get(1).get(3));
    }

    @Test
    void aRolesOnlyChangeEmbedsNothingAndMovesAccessToTheNewRole() {
        String docId = DocumentChanges.newDocId("acl");
        String content = SampleDocuments.markdown(SampleDocuments.paragraphs(docId, 2, 2));
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "ACL test", content, "finance")));
        awaitIndexed(docId, 1);
        assertThat(probe.chunksVisibleTo(docId, "finance")).hasSize(4);

        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 2, "ACL test", content, "hr")));

        DocumentIndexed indexed = awaitIndexed(docId, 2);
        assertThat(indexed.chunksEmbedded()).isZero();
        assertThat(indexed.allowedRoles()).containsExactly("hr");
        assertThat(probe.chunksVisibleTo(docId, "hr")).hasSize(4);
        assertThat(probe.chunksVisibleTo(docId, "finance")).isEmpty();
        assertThat(index.document(docId).orElseThrow().allowedRoles()).containsExactly("hr");
    }

    @Test
    void aShorterVersionDeletesTheChunksBeyondItsEnd() {
        String docId = DocumentChanges.newDocId("shrink");
        var sections = SampleDocuments.paragraphs(docId, 2, 3);
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Shrink test", SampleDocuments.markdown(sections), "hr")));
        awaitIndexed(docId, 1);

        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 2, "Shrink test", SampleDocuments.markdown(sections.subList(0, 1)), "hr")));

        assertThat(awaitIndexed(docId, 2).chunksEmbedded()).isZero();
        assertThat(probe.chunks(docId)).extracting(IndexProbe.ChunkObject::index).containsExactly(0, 1, 2);
    }

    @Test
    void aDeleteEventRemovesEveryChunkAndKeepsATombstone() {
        String docId = DocumentChanges.newDocId("delete");
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Delete test", "First paragraph.\n\nSecond.", "hr")));
        awaitIndexed(docId, 1);

        topic.send(DocumentChanges.delete(docId, 2));

        DocumentIndexed indexed = awaitIndexed(docId, 2);
        assertThat(indexed.op()).isEqualTo(DocumentIndexed.Op.DELETED);
        assertThat(indexed.allowedRoles()).containsExactly("hr");
        assertThat(probe.chunks(docId)).isEmpty();
        IndexedDocument tombstone = index.document(docId).orElseThrow();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.version()).isEqualTo(2);

        // an upsert older than the delete, arriving late, stays deleted
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Delete test", "Resurrected paragraph.", "hr")));
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 3, "Delete test", "Recreated paragraph.", "hr")));
        assertThat(awaitIndexed(docId, 3).chunkCount()).isEqualTo(1);
        assertThat(probe.chunks(docId)).singleElement().extracting(IndexProbe.ChunkObject::text)
                .isEqualTo("Delete test\n\nRecreated paragraph.");
    }

    @Test
    void aKafkaTombstoneDeletesWhateverVersionIsIndexed() {
        String docId = DocumentChanges.newDocId("tombstone");
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 7, "Tombstone test", "Only paragraph.", "hr")));
        awaitIndexed(docId, 7);

        topic.send(DocumentChanges.tombstone(docId));

        DocumentIndexed indexed = awaitIndexed(docId, 7, DocumentIndexed.Op.DELETED);
        assertThat(indexed.chunkCount()).isZero();
        assertThat(probe.chunks(docId)).isEmpty();
        assertThat(index.document(docId).orElseThrow().deleted()).isTrue();
    }

    @Test
    void duplicatesAndOlderVersionsAreIgnored() {
        String docId = DocumentChanges.newDocId("order");
        double ignoredBefore = counter("tailor_ingest_events_total", Map.of("outcome", "ignored"));
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 2, "Order test", "Version two.", "hr")));
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Order test", "Version one.", "hr")));
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 2, "Order test", "Version two, replayed.", "hr")));
        topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 3, "Order test", "Version three.", "hr")));

        awaitIndexed(docId, 3);

        // (distinct: a second ingest-service on the same stack may publish the same change too)
        assertThat(indexedRecords(docId).stream().map(DocumentIndexed::version).distinct())
                .containsExactly(2L, 3L);
        assertThat(probe.chunks(docId)).singleElement().extracting(IndexProbe.ChunkObject::text)
                .isEqualTo("Order test\n\nVersion three.");
        assertThat(counter("tailor_ingest_events_total", Map.of("outcome", "ignored")) - ignoredBefore).isGreaterThanOrEqualTo(2);
    }

    @Test
    void changesPublishedTogetherAreAppliedInEachDocumentsOrder() {
        String a = DocumentChanges.newDocId("burst-a");
        String b = DocumentChanges.newDocId("burst-b");
        String c = DocumentChanges.newDocId("burst-c");
        var aSections = SampleDocuments.paragraphs(a, 1, 3);
        var aEdited = SampleDocuments.copy(aSections);
        aEdited.get(0).set(1, aEdited.get(0).get(1) + " Burstedit.");
        var bSections = SampleDocuments.paragraphs(b, 2, 2);
        String bContent = SampleDocuments.markdown(bSections);

        // interleaved the way a busy producer would publish them; each document's changes in its order
        topic.send(List.of(
                DocumentChanges.upsert(DocumentChanges.doc(a, 1, "Burst A", SampleDocuments.markdown(aSections), "hr")),
                DocumentChanges.upsert(DocumentChanges.doc(b, 1, "Burst B", bContent, "finance")),
                DocumentChanges.upsert(DocumentChanges.doc(c, 1, "Burst C", "Only paragraph.", "public")),
                DocumentChanges.upsert(DocumentChanges.doc(a, 2, "Burst A", SampleDocuments.markdown(aEdited), "hr")),
                DocumentChanges.upsert(DocumentChanges.doc(b, 2, "Burst B", bContent, "hr")),
                DocumentChanges.tombstone(a),
                DocumentChanges.upsert(DocumentChanges.doc(b, 3, "Burst B",
                        SampleDocuments.markdown(bSections.subList(0, 1)), "hr"))));

        awaitIndexed(a, 2, DocumentIndexed.Op.DELETED);
        awaitIndexed(b, 3);
        awaitIndexed(c, 1);
        // first occurrences: a second ingest-service on the same stack may publish each change too, in its own order
        assertThat(indexedRecords(a).stream().map(i -> i.op() + " v" + i.version()).distinct())
                .containsExactly("UPSERTED v1", "UPSERTED v2", "DELETED v2");
        assertThat(indexedRecords(b).stream().map(i -> i.op() + " v" + i.version()).distinct())
                .containsExactly("UPSERTED v1", "UPSERTED v2", "UPSERTED v3");
        assertThat(indexedRecords(a)).filteredOn(i -> i.version() == 2 && i.op() == DocumentIndexed.Op.UPSERTED)
                .first().extracting(DocumentIndexed::chunksEmbedded).isEqualTo(1);
        assertThat(indexedRecords(b)).filteredOn(i -> i.version() == 2)
                .first().extracting(DocumentIndexed::chunksEmbedded).isEqualTo(0);
        assertThat(probe.chunks(a)).isEmpty();
        assertThat(probe.chunks(b)).hasSize(2).allSatisfy(chunk -> assertThat(chunk.roles()).containsExactly("hr"));
        assertThat(probe.chunks(c)).singleElement().extracting(IndexProbe.ChunkObject::text)
                .isEqualTo("Burst C\n\nOnly paragraph.");
    }

    @Test
    void aBinaryModeEventIsIndexedLikeAStructuredOne() {
        String docId = DocumentChanges.newDocId("binary");
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes("binary-" + docId));
        headers.add("ce_source", bytes("urn:test"));
        headers.add("ce_type", bytes("tailor.document.upserted"));
        headers.add("ce_time", bytes("2026-01-01T00:00:00Z"));
        headers.add("content-type", bytes("application/json"));
        String data = "{\"docId\":\"" + docId + "\",\"version\":1,\"title\":\"Binary\",\"content\":\"Binary mode body.\","
                + "\"allowedRoles\":[\"public\"]}";

        topic.send(new ProducerRecord<>(Topics.DOCS_CHANGES, null, docId, bytes(data), headers));

        DocumentIndexed indexed = awaitIndexed(docId, 1);
        assertThat(indexed.eventTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(probe.chunks(docId)).singleElement().extracting(IndexProbe.ChunkObject::text)
                .isEqualTo("Binary\n\nBinary mode body.");
    }

    @Test
    void metricsAreExposedUnderTheDesignNames() {
        String prometheus = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(prometheus)
                .contains("tailor_ingest_events_total{outcome=\"indexed\"")
                .contains("tailor_ingest_events_total{outcome=\"ignored\"")
                .contains("tailor_ingest_events_total{outcome=\"dead_lettered\"")
                .contains("tailor_ingest_chunks_embedded_total")
                .contains("tailor_ingest_chunks_reused_total")
                .contains("tailor_ingest_freshness_seconds_bucket");
    }

    private DocumentIndexed awaitIndexed(String docId, long version) {
        return awaitIndexed(docId, version, null);
    }

    private DocumentIndexed awaitIndexed(String docId, long version, DocumentIndexed.Op op) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> indexedRecords(docId).stream()
                        .filter(i -> i.version() == version && (op == null || i.op() == op)).findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    private List<DocumentIndexed> indexedRecords(String docId) {
        return indexedTopic.withKey(docId).stream().map(r -> {
            try {
                return json.readValue(r.value(), DocumentIndexed.class);
            } catch (IOException e) {
                throw new AssertionError("docs.indexed value is not a DocumentIndexed", e);
            }
        }).toList();
    }

    /** A counter's value as Prometheus scrapes it from /q/metrics (0 when absent). */
    private static double counter(String name, Map<String, String> labels) {
        return PrometheusSamples.sum(io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract()
                .asString(), name, labels);
    }

    private static String[] ids(String docId, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = ObjectIds.chunk(docId, i).toString();
        }
        return ids;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
