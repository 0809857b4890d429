package dev.tailor.query.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.Topics;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.query.support.SeededIndex;
import dev.tailor.query.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One QueryMetric per answered request on queries.metrics, with the role group and never the question or the user. */
@QuarkusTest
class QueryMetricsTest {

    @Test
    void eachAnsweredRequestPublishesAMetricWithoutQuestionOrUser() throws Exception {
        DemoCorpus corpus = new DemoCorpus();
        SeededIndex.index(corpus.docs);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            // Read only what is published from now on: other services and tests share the topic.
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.QUERIES_METRICS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            String question = "Which " + corpus.marker + " secret word is known?";
            given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON)
                    .body(Map.of("query", question, "topK", 50)).post("/api/v1/search").then().statusCode(200);
            given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON)
                    .body(Map.of("question", question, "topK", 50)).post("/api/v1/ask").then().statusCode(200);

            List<ConsumerRecord<String, String>> carols = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    // Only records published after seekToEnd arrive; carol's role group is the key.
                    if ("hr,public".equals(r.key())) {
                        carols.add(r);
                    }
                }
                return carols.stream().map(r -> r.value()).filter(v -> v.contains("\"endpoint\":\"ask\"")).count() >= 1
                        && carols.stream().map(r -> r.value()).filter(v -> v.contains("\"endpoint\":\"search\"")).count() >= 1;
            });

            JsonNode ask = carols.stream().map(r -> read(json, r.value()))
                    .filter(m -> m.path("endpoint").asText().equals("ask")).findFirst().orElseThrow();
            assertThat(ask.path("roles").toString()).isEqualTo("[\"hr\",\"public\"]");
            assertThat(ask.path("strategy").asText()).isEqualTo("rag");
            assertThat(ask.path("model").asText()).isEqualTo("extractive");
            assertThat(ask.path("answered").asBoolean()).isTrue();
            assertThat(ask.path("retrievedChunks").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(ask.path("retrievedTokens").asLong()).isPositive();
            for (ConsumerRecord<String, String> r : carols) {
                assertThat(r.value()).doesNotContain(corpus.marker).doesNotContain("carol");
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

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p);
    }
}
