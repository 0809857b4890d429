package dev.tailor.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The latest value of every key of a compacted topic, kept in memory: read from the beginning on every start, with
 * manual assignment of all partitions and no consumer group (every replica needs the whole state, not a share, and
 * nothing is committed). {@link #replayed()} turns true once everything the topic held at the start has been read,
 * which is what readiness waits for. A failure (broker gone, topic missing) is logged and the topic replayed again
 * after {@code retryDelay}; keys whose records vanished meanwhile are dropped at the end of that replay. A record
 * whose value cannot be read is logged and skipped, never stopping the follower. A tombstone removes its key.
 * <p>
 * A process that also publishes to the topic {@link #put}s what it published, so that it reads its own write at once.
 * Given an order of values by age, a record read later replaces a value only if it is not older: a record of the same
 * key still on its way cannot undo a newer local write.
 *
 * @param <V> the value type
 */
public final class CompactedTopicState<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopicState.class);

    private final String topic;
    private final Function<byte[], V> reader;
    private final KafkaClients clients;
    private final Duration pollTimeout;
    private final Duration retryDelay;
    private final Comparator<? super V> age;
    private final Map<String, V> state = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean replayed;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private CompactedTopicState(String topic, Function<byte[], V> reader, KafkaClients clients, Duration pollTimeout,
                                Duration retryDelay, Comparator<? super V> age) {
        this.topic = topic;
        this.age = age;
        this.reader = reader;
        this.clients = clients;
        this.pollTimeout = pollTimeout;
        this.retryDelay = retryDelay;
    }

    /**
     * Starts following {@code topic} on a daemon thread of its own; the last record of a key wins.
     *
     * @param reader turns a record's value into a {@code V}; it may throw on an unreadable value
     */
    public static <V> CompactedTopicState<V> follow(String topic, Function<byte[], V> reader, KafkaClients clients,
                                                    Duration pollTimeout, Duration retryDelay) {
        return follow(topic, reader, clients, pollTimeout, retryDelay, (a, b) -> 0);
    }

    /**
     * Starts following {@code topic} on a daemon thread of its own; of a key's value and a record read later, the
     * older by {@code age} is dropped.
     */
    public static <V> CompactedTopicState<V> follow(String topic, Function<byte[], V> reader, KafkaClients clients,
                                                    Duration pollTimeout, Duration retryDelay, Comparator<? super V> age) {
        CompactedTopicState<V> follower = new CompactedTopicState<>(topic, reader, clients, pollTimeout, retryDelay, age);
        Thread thread = new Thread(follower::run, topic + "-follower");
        thread.setDaemon(true);
        thread.start();
        return follower;
    }

    /** A value this process published under {@code key}, visible at once; returns the value it replaced. */
    public Optional<V> put(String key, V value) {
        return Optional.ofNullable(state.put(key, value));
    }

    /** Waits until {@link #replayed()}, at most {@code timeout}; whether it is. */
    public boolean awaitReplayed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!replayed && System.nanoTime() < deadline) {
            if (closed.await(50, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        return replayed;
    }

    /** The current value of every key (a live, unmodifiable view). */
    public Map<String, V> values() {
        return Collections.unmodifiableMap(state);
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(state.get(key));
    }

    /** Whether everything the topic held when following (re)started has been applied. */
    public boolean replayed() {
        return replayed;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        closed.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        while (closed.getCount() > 0) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerSettings())) {
                consumer = c;
                replay(c);
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                replayed = false;
                LOG.warnf("following %s failed (%s); replaying it again in %s", topic, e.toString(), retryDelay);
                try {
                    if (closed.await(retryDelay.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void replay(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        Set<String> seen = new HashSet<>();
        boolean caughtUp = false;
        LOG.infof("following %s (%d partitions) from the beginning", topic, partitions.size());
        while (closed.getCount() > 0) {
            for (ConsumerRecord<String, byte[]> r : c.poll(pollTimeout)) {
                apply(r);
                if (!caughtUp && r.key() != null) {
                    seen.add(r.key());
                }
            }
            if (!caughtUp && partitions.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                caughtUp = true;
                // a key compacted away entirely while we were not following is gone from the topic: drop it too
                state.keySet().retainAll(seen);
                replayed = true;
                LOG.infof("replayed %s: %d keys", topic, state.size());
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            state.remove(r.key());
            return;
        }
        try {
            state.merge(r.key(), reader.apply(r.value()), (current, read) -> age.compare(read, current) < 0 ? current : read);
        } catch (RuntimeException e) {
            LOG.warnf("skipping unreadable %s record at partition %d offset %d: %s", topic, r.partition(), r.offset(),
                    e.getMessage());
        }
    }

    private Map<String, Object> consumerSettings() {
        return clients.settings(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                // a follower must never create the topic it reads (with the broker's defaults, uncompacted)
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, topic + "-follower-" + Long.toHexString(System.nanoTime())));
    }
}
