package dev.tailor.finetune.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tailor.runtime.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The service's Kafka plumbing: one idempotent producer for the topics it owns (jobs, registry) and followers
 * for the topics it replays. Plain kafka-clients, because "read the whole topic into memory on every replica"
 * is not what a consumer-group channel does.
 */
@ApplicationScoped
public class KafkaSupport {

    /** JSON of every record the service reads or writes (ISO-8601 instants, unknown fields tolerated). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final KafkaClients clients;
    private final RecordTracing tracing;
    private final KafkaProducer<String, String> producer;
    private final java.util.List<TopicFollower> followers = new java.util.concurrent.CopyOnWriteArrayList<>();

    KafkaSupport(KafkaClients clients, RecordTracing tracing) {
        this.clients = clients;
        this.tracing = tracing;
        // connects on the first send
        this.producer = new KafkaProducer<>(clients.settings(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.CLIENT_ID_CONFIG, "finetune-service")), new StringSerializer(), new StringSerializer());
    }

    public TopicFollower follow(String topic, Consumer<ConsumerRecord<String, String>> handler) {
        TopicFollower follower = new TopicFollower(clients.settings(TopicFollower.settings(topic)), topic,
                tracing.traced(handler)).start();
        followers.add(follower);
        return follower;
    }

    /** The followers that are not following now, by topic, with why (for readiness). */
    public Map<String, String> followerFailures() {
        Map<String, String> failures = new java.util.TreeMap<>();
        followers.stream().filter(f -> f.failure() != null).forEach(f -> failures.put(f.topic(), f.failure()));
        return failures;
    }

    /** Writes a record and waits for the broker: callers rely on it being durable (a restart replays it). */
    public void send(String topic, String key, Object value) {
        try {
            String json = value == null ? null : JSON.writeValueAsString(value);
            producer.send(new ProducerRecord<>(topic, key, json)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing to " + topic, e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write to " + topic + ": " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
