package dev.tailor.finetune.kafka;

import dev.tailor.runtime.kafka.CompactedTopicState;
import dev.tailor.runtime.kafka.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;

/**
 * The state of the compacted topics this service publishes to and reads back (jobs, models.registry,
 * models.evaluations), through tailor-runtime's follower, as query-service follows the same topics.
 */
@ApplicationScoped
public class CompactedStates {

    static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    /** Reads one record's value; an unreadable one is skipped by the follower. */
    public interface Reader<V> {
        V read(byte[] value) throws IOException;
    }

    private final KafkaClients clients;

    CompactedStates(KafkaClients clients) {
        this.clients = clients;
    }

    /** Follows {@code topic}; of a key's value and a record read later, the older by {@code age} is dropped. */
    public <V> CompactedTopicState<V> follow(String topic, Reader<V> reader, Comparator<? super V> age) {
        return CompactedTopicState.follow(topic, value -> {
            try {
                return reader.read(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, clients, POLL_TIMEOUT, RETRY_DELAY, age);
    }

    /** JSON as this service writes it to the topic. */
    public static <V> Reader<V> json(Class<V> type) {
        return value -> KafkaSupport.JSON.readValue(value, type);
    }
}
