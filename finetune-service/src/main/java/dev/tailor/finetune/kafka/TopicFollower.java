package dev.tailor.finetune.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads a whole topic from the beginning into memory and keeps following it. Manual assignment and no consumer
 * group: every replica must see every record (our state is the topic), and nothing is committed, so a restart
 * simply replays. A record the handler cannot take is logged and skipped; it never stops the follower. Any other
 * failure (a broker away for minutes, a rebalanced cluster) closes the consumer and opens a new one after a back-off,
 * which carries on from the positions already handled: nothing is handed over twice, nothing is skipped.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> settings;
    private final Consumer<ConsumerRecord<String, String>> handler;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Thread thread;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;
    private volatile String failure;

    /**
     * @param settings the consumer's settings: the service's Kafka client settings and {@link #settings(String)}
     */
    public TopicFollower(Map<String, Object> settings, String topic, Consumer<ConsumerRecord<String, String>> handler) {
        this.topic = topic;
        this.settings = settings;
        this.handler = handler;
        this.thread = new Thread(this::run, "follow-" + topic);
        this.thread.setDaemon(true);
    }

    /** What a follower of {@code topic} sets on top of the service's Kafka client settings. */
    static Map<String, Object> settings(String topic) {
        return Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.CLIENT_ID_CONFIG, "finetune-follower-" + topic,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                // Followers feed statistics and schedules that act in minutes: fetching at most twice a second, in
                // batches, costs the broker one fetch per half second instead of one per produced batch.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
    }

    public TopicFollower start() {
        thread.start();
        return this;
    }

    /** Waits until every record that existed when the follower started has been handed to the handler. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public String topic() {
        return topic;
    }

    /** Why the follower is not following now (null while it is): for readiness. */
    public String failure() {
        return failure;
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                failure = e.toString();
                LOG.warnf("following %s failed (%s); trying again in %s", topic, e.toString(), backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void follow(KafkaConsumer<String, String> c) {
        List<TopicPartition> partitions = partitions(c);
        c.assign(partitions);
        for (TopicPartition p : partitions) {
            Long next = positions.get(p);
            if (next == null) {
                c.seekToBeginning(List.of(p));
            } else {
                c.seek(p, next);
            }
        }
        Map<TopicPartition, Long> end = caughtUp.getCount() > 0 ? c.endOffsets(partitions) : Map.of();
        failure = null;
        while (running) {
            for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                handle(record);
                positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            }
            if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                LOG.infof("replayed %s", topic);
                caughtUp.countDown();
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // broker unreachable or topic unknown: keep trying, readiness stays down meanwhile
            }
            failure = "topic " + topic + " not found (or the broker is unreachable)";
            LOG.warnf("topic %s not found yet; create it (dev/infra/topics.conf)", topic);
        }
        throw new WakeupException();
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            LOG.warnf("skipping %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
