package dev.tailor.ingest.outage;

import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.ingest.index.DocumentIndex;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.ingest.support.ConsumerWarmup;
import dev.tailor.ingest.support.IndexProbe;
import dev.tailor.ingest.support.SampleDocuments;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Weaviate dies mid-stream and comes back: the consumer retries without skipping or dead-lettering anything,
 * reports the outage on readiness, and resumes by itself; every change ends up indexed exactly once. Killed in the
 * middle of a batch, it leaves no chunk that the filters of search do not find.
 */
@QuarkusTest
@TestProfile(OutageProfile.class)
class WeaviateOutageTest {

    @Inject
    DocumentIndex index;
    @Inject
    WeaviateClient weaviate;

    @Test
    void everyChangeIsIndexedExactlyOnceAcrossAWeaviateOutage() throws Exception {
        IndexProbe probe = new IndexProbe(weaviate);
        List<String> docIds = new ArrayList<>();
        try (TopicWriter topic = new TopicWriter()) {
            ConsumerWarmup.await(topic, index);
            for (int i = 0; i < 10; i++) {
                String docId = DocumentChanges.newDocId("outage");
                docIds.add(docId);
                topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Outage " + i, content(docId, 1), "hr")));
            }
            PrivateWeaviateResource.weaviate.kill();
            for (int i = 0; i < 10; i++) {
                String docId = DocumentChanges.newDocId("outage");
                docIds.add(docId);
                topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Outage late " + i, content(docId, 1), "hr")));
            }
            for (String docId : docIds.subList(0, 10)) {
                topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 2, "Outage edited", content(docId, 2), "hr", "finance")));
            }

            // down, and retrying with back-off: several failed attempts
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                    .then().statusCode(503).body("checks.find { it.name == 'Weaviate' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Weaviate' }.data.attempts", greaterThanOrEqualTo(3)));

            PrivateWeaviateResource.weaviate.start();
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (int i = 0; i < docIds.size(); i++) {
                long expected = i < 10 ? 2 : 1;
                assertThat(index.document(docIds.get(i))).as(docIds.get(i))
                        .hasValueSatisfying(d -> assertThat(d.version()).isEqualTo(expected));
            }
        });
        for (int i = 0; i < docIds.size(); i++) {
            String docId = docIds.get(i);
            int chunkCount = index.document(docId).orElseThrow().chunkCount();
            var chunks = probe.chunks(docId);
            assertThat(chunks).as("chunks of %s", docId).hasSize(chunkCount);
            for (int c = 0; c < chunkCount; c++) {
                assertThat(chunks.get(c).uuid()).isEqualTo(ObjectIds.chunk(docId, c).toString());
            }
            if (i < 10) {
                assertThat(chunks).allSatisfy(c -> assertThat(c.roles()).containsExactly("hr", "finance"));
                assertThat(chunks).anySatisfy(c -> assertThat(c.text()).contains(SampleDocuments.paragraph(docId + "/v2", 20)));
            }
        }
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("Weaviate"));
    }

    @Test
    void weaviateKilledInTheMiddleOfABatchLeavesEveryChunkFoundByTheFiltersOfSearch() throws Exception {
        IndexProbe probe = new IndexProbe(weaviate);
        List<String> docIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            docIds.add(DocumentChanges.newDocId("mid-batch"));
        }
        try (TopicWriter topic = new TopicWriter()) {
            ConsumerWarmup.await(topic, index);
            for (String docId : docIds) {
                // 80 paragraphs, 80 chunks (~56 KB, under the content limit): batches of up to 500 objects, long
                // enough to be killed in
                topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, 1, "Mid-batch " + docId,
                        SampleDocuments.markdown(SampleDocuments.paragraphs(docId, 10, 8)), "hr")));
            }
            // the batch's first object is stored: the rest of the batch is being written
            String first = ObjectIds.chunk(docIds.get(0), 0).toString();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(2))
                    .until(() -> IndexProbe.storedById(URI.create(PrivateWeaviateResource.weaviate.url()),
                            WeaviateSchema.CHUNK, first));
            PrivateWeaviateResource.weaviate.kill();
            PrivateWeaviateResource.weaviate.start();
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String docId : docIds) {
                assertThat(index.document(docId)).as(docId).isPresent();
            }
        });
        for (String docId : docIds) {
            int chunkCount = index.document(docId).orElseThrow().chunkCount();
            assertThat(chunkCount).isEqualTo(80);
            assertThat(probe.chunks(docId)).as("chunks of %s by docId", docId).hasSize(chunkCount);
            assertThat(probe.chunksVisibleTo(docId, "hr")).as("chunks of %s a reader of hr finds", docId)
                    .hasSize(chunkCount);
        }
    }

    private static String content(String docId, int version) {
        return SampleDocuments.markdown(SampleDocuments.paragraphs(docId, 2, 2)) + "\n\n"
                + SampleDocuments.paragraph(docId + "/v" + version, 20);
    }
}
