package dev.tailor.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.Topics;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.query.support.SeededIndex;
import dev.tailor.testsupport.TopicTail;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.testsupport.Tokens;
import dev.tailor.query.support.ExtractiveAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One QueryMetric per answered request on queries.metrics, with the role group and never the question or the user. */
@QuarkusTest
@TestProfile(ExtractiveAnswers.class)
class QueryMetricsTest {

    @Test
    void eachAnsweredRequestPublishesAMetricWithoutQuestionOrUser() throws Exception {
        DemoCorpus corpus = new DemoCorpus();
        SeededIndex.index(corpus.docs);
        // Read only what is published from now on: other services and tests share the topic.
        try (TopicTail metrics = new TopicTail(Topics.QUERIES_METRICS)) {
            String question = "Which " + corpus.marker + " secret word is known?";
            given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON)
                    .body(Map.of("query", question, "topK", 50)).post("/api/v1/search").then().statusCode(200);
            given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON)
                    .body(Map.of("question", question, "topK", 50)).post("/api/v1/ask").then().statusCode(200);

            // carol's role group is the key
            Supplier<List<String>> carols = () -> metrics.withKey("hr,public").stream().map(r -> TopicWriter.utf8(r.value())).toList();
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    carols.get().stream().anyMatch(v -> v.contains("\"endpoint\":\"ask\""))
                            && carols.get().stream().anyMatch(v -> v.contains("\"endpoint\":\"search\"")));

            JsonNode ask = carols.get().stream().map(v -> read(json, v))
                    .filter(m -> m.path("endpoint").asText().equals("ask")).findFirst().orElseThrow();
            assertThat(ask.path("roles").toString()).isEqualTo("[\"hr\",\"public\"]");
            assertThat(ask.path("strategy").asText()).isEqualTo("rag");
            assertThat(ask.path("model").asText()).isEqualTo("extractive");
            assertThat(ask.path("answered").asBoolean()).isTrue();
            assertThat(ask.path("retrievedChunks").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(ask.path("retrievedTokens").asLong()).isPositive();
            for (String metric : carols.get()) {
                assertThat(metric).doesNotContain(corpus.marker).doesNotContain("carol");
            }
        } finally {
            SeededIndex.remove(corpus.docs);
        }
    }

    private static JsonNode read(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
