package dev.tailor.finetune.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Properties;
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

    private final String bootstrapServers;
    private volatile KafkaProducer<String, String> producer;

    public KafkaSupport(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public TopicFollower follow(String topic, Consumer<ConsumerRecord<String, String>> handler) {
        return new TopicFollower(bootstrapServers, topic, handler).start();
    }

    /** Writes a record and waits for the broker: callers rely on it being durable (a restart replays it). */
    public void send(String topic, String key, Object value) {
        try {
            String json = value == null ? null : JSON.writeValueAsString(value);
            producer().send(new ProducerRecord<>(topic, key, json)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing to " + topic, e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write to " + topic + ": " + e.getMessage(), e);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "finetune-service");
                    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                }
            }
        }
        return producer;
    }

    void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close();
        }
    }
}
