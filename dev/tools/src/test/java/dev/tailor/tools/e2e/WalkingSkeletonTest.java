package dev.tailor.tools.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.contracts.Topics;
import dev.tailor.tools.Stack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        ingest = PackagedService.start("ingest-service", Map.of()).awaitReady();
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
        publish(new DocumentUpserted(docId, 1L, "Finance close checklist " + marker,
                "# Month-end close\n\nThe " + marker + " reconciliation runs on the third working day of each month.\n",
                "text/markdown", List.of("finance"), "e2e", null, Map.of()));

        String bob = Keycloak.token("bob");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> docIdsFound(bob, marker).contains(docId));

        assertThat(docIdsFound(Keycloak.token("alice"), marker)).doesNotContain(docId);
        assertThat(docIdsFound(Keycloak.token("dave"), marker)).doesNotContain(docId);
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

    private static void publish(DocumentUpserted document) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.fromEnvironment().kafkaBootstrap());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(Topics.DOCS_CHANGES, document.docId(),
                    DocumentChangeEvents.structured(DocumentChangeEvents.upserted(document)));
            record.headers().add("content-type", DocumentChangeEvents.STRUCTURED_CONTENT_TYPE.getBytes());
            producer.send(record).get();
        }
    }
}
