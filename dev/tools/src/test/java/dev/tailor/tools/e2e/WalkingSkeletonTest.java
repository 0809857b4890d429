package dev.tailor.tools.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.testsupport.Awaits;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hop real: a CloudEvent on Kafka is embedded by the packaged ingest-service into Weaviate, and the packaged
 * query-service finds it for a Keycloak user holding one of the document's roles, and for nobody else.
 */
class WalkingSkeletonTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PackagedService ingest;
    private static PackagedService query;

    @BeforeAll
    static void startServices() throws Exception {
        // ingest-service creates the index on start; query-service verifies it, so ingest goes first.
        // A consumer group of its own starting at the end of docs.changes: the test needs its own event, not a
        // replay of everything earlier tests published.
        ingest = PackagedService.start("ingest-service", Map.of(
                "TAILOR_INGEST_GROUP_ID", "e2e-" + UUID.randomUUID(),
                "MP_MESSAGING_INCOMING_DOCS_CHANGES_AUTO_OFFSET_RESET", "latest")).awaitReady();
        query = PackagedService.start("query-service", Map.of()).awaitReady();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (query != null) {
            query.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void aPublishedDocumentIsFoundByItsReadersOnly() throws Exception {
        String marker = "zephyrquill" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        String docId = "e2e-" + marker;
        String bob = Tokens.of("bob");

        // Until its partitions are assigned, a group starting at the end of the topic may miss an event; versions
        // make republishing harmless, so publish again (newer version) every 4 s until the document is found.
        try (TopicWriter topic = new TopicWriter()) {
            Awaits.repeatUntil("bob finds the document", Duration.ofSeconds(120), Duration.ofSeconds(4),
                    version -> topic.send(DocumentChanges.upsert(new DocumentUpserted(docId, version,
                            "Finance close checklist " + marker,
                            "# Month-end close\n\nThe " + marker + " reconciliation runs on the third working day of each month.\n",
                            "text/markdown", List.of("finance"), "e2e", null, Map.of()))),
                    () -> docIdsFound(bob, marker).contains(docId));
        }

        assertThat(docIdsFound(Tokens.of("alice"), marker)).doesNotContain(docId);
        assertThat(docIdsFound(Tokens.of("dave"), marker)).doesNotContain(docId);
    }

    @Test
    void searchWithoutATokenIsRejected() throws Exception {
        var response = HTTP.send(searchRequest(null, "anything"), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static List<String> docIdsFound(String token, String text) throws Exception {
        var response = HTTP.send(searchRequest(token, text), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode result : JSON.readTree(response.body()).get("results")) {
            ids.add(result.get("docId").asText());
        }
        return ids;
    }

    private static HttpRequest searchRequest(String token, String text) throws Exception {
        var builder = HttpRequest.newBuilder(query.uri("/api/v1/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", text, "topK", 10))));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }
}
