package dev.tailor.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against the real Kafka of the stack (KAFKA_BOOTSTRAP_SERVERS): a topic of the test's own, compacted, 2 partitions. */
class CompactedTopicStateTest {

    static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    static final String TOPIC = "test.compacted-" + UUID.randomUUID();
    static final KafkaClients CLIENTS = new KafkaClients(Map.of("bootstrap.servers", BOOTSTRAP, "group.id", "ignored"));
    static Admin admin;
    static KafkaProducer<String, String> producer;

    @BeforeAll
    static void topic() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void removeTopic() throws Exception {
        producer.close();
        admin.deleteTopics(List.of(TOPIC)).all().get();
        admin.close();
    }

    static void send(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    static String read(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        if (text.equals("garbled")) {
            throw new IllegalArgumentException("not a value");
        }
        return text;
    }

    @Test
    void keepsTheLatestValueOfEachKeyAndSaysWhenItHasReadTheWholeTopic() throws Exception {
        send("a", "a1");
        send("b", "b1");
        send("a", "a2");
        send("c", "c1");
        send("c", null);
        send("d", "garbled");

        try (CompactedTopicState<String> state = CompactedTopicState.follow(TOPIC, CompactedTopicStateTest::read,
                CLIENTS, Duration.ofMillis(100), Duration.ofMillis(200))) {
            await().atMost(Duration.ofSeconds(30)).until(state::replayed);
            assertThat(state.values()).isEqualTo(Map.of("a", "a2", "b", "b1"));

            send("b", "b2");
            send("a", null);
            await().atMost(Duration.ofSeconds(30)).until(() -> state.values().equals(Map.of("b", "b2")));
            assertThat(state.get("b")).contains("b2");
        }
    }

    @Test
    void aTopicThatDoesNotExistYetIsFollowedOnceItDoes() throws Exception {
        String later = "test.compacted-later-" + UUID.randomUUID();
        try (CompactedTopicState<String> state = CompactedTopicState.follow(later, CompactedTopicStateTest::read,
                CLIENTS, Duration.ofMillis(100), Duration.ofMillis(200))) {
            admin.createTopics(List.of(new NewTopic(later, 1, (short) 1))).all().get();
            producer.send(new ProducerRecord<>(later, "k", "v")).get();

            await().atMost(Duration.ofSeconds(30)).until(() -> state.replayed() && state.values().equals(Map.of("k", "v")));
        } finally {
            admin.deleteTopics(Set.of(later)).all().get();
        }
    }

    @Test
    void aValueThisProcessPublishedIsReadAtOnceAndNoOlderRecordUndoesIt() throws Exception {
        String own = "test.compacted-own-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(own, 1, (short) 1))).all().get();
        // values "v<n>": the higher n, the newer
        java.util.Comparator<String> age = java.util.Comparator.comparingInt(v -> Integer.parseInt(v.substring(1)));
        try (CompactedTopicState<String> state = CompactedTopicState.follow(own, CompactedTopicStateTest::read,
                CLIENTS, Duration.ofMillis(100), Duration.ofMillis(200), age)) {
            assertThat(state.awaitReplayed(Duration.ofSeconds(30))).isTrue();

            assertThat(state.put("k", "v5")).isEmpty();
            assertThat(state.get("k")).contains("v5");
            producer.send(new ProducerRecord<>(own, "k", "v3")).get(); // older, still on its way
            producer.send(new ProducerRecord<>(own, "marker", "v0")).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> state.get("marker").isPresent());
            assertThat(state.get("k")).contains("v5");

            producer.send(new ProducerRecord<>(own, "k", "v7")).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> state.get("k").equals(java.util.Optional.of("v7")));
        } finally {
            admin.deleteTopics(Set.of(own)).all().get();
        }
    }
}
