package dev.tailor.ingest.deadletters;

import dev.tailor.contracts.Topics;
import dev.tailor.ingest.events.DeadLetterPublisher;
import dev.tailor.runtime.kafka.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@code docs.changes.dlq} for operators and replays chosen records to {@code docs.changes}, with plain Kafka
 * clients configured like the channels ({@link KafkaClients}): a request opens its own client and closes it.
 */
@ApplicationScoped
public class DeadLetters {

    /** Set on a replayed record: which DLQ record it came from. */
    public static final String REPLAYED_FROM = "tailor-replayed-from";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaClients clients;

    DeadLetters(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * The records of every DLQ partition from {@code fromOffset} (or the last {@code limit} of each), at most
     * {@code limit} per partition, those of {@code key} only if given, oldest first.
     */
    public List<DeadLetterEntry> list(Optional<Long> fromOffset, int limit, Optional<String> key) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DOCS_CHANGES_DLQ, TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            List<DeadLetterEntry> entries = new ArrayList<>();
            for (TopicPartition p : partitions) {
                long from = Math.max(begin.get(p), fromOffset.orElse(end.get(p) - limit));
                List<DeadLetterEntry> found = new ArrayList<>();
                read(consumer, p, from, end.get(p), r -> {
                    if (key.isEmpty() || key.get().equals(r.key())) {
                        found.add(DeadLetterEntry.of(r));
                    }
                    return found.size() < limit;
                });
                entries.addAll(found);
            }
            entries.sort(Comparator.comparing(DeadLetterEntry::timestamp));
            return entries;
        }
    }

    /** A DLQ record to replay. */
    public record Ref(int partition, long offset) {
    }

    /** What became of a replay: the new offset in docs.changes, or why it was not replayed. */
    public record Replayed(int partition, long offset, String key, Integer topicPartition, Long topicOffset,
            String error) {
    }

    /**
     * Publishes each chosen DLQ record to {@code docs.changes} as it was first published (key, value, its own
     * headers) plus {@value #REPLAYED_FROM}, and waits for the broker. A copy without its value is replayed from the
     * original while {@code docs.changes} still retains it.
     */
    public List<Replayed> replay(List<Ref> refs) {
        List<Replayed> results = new ArrayList<>(refs.size());
        try (KafkaConsumer<String, byte[]> consumer = consumer(); KafkaProducer<String, byte[]> producer = producer()) {
            for (Ref ref : refs) {
                results.add(replay(consumer, producer, ref));
            }
        }
        return results;
    }

    private Replayed replay(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer, Ref ref) {
        Optional<ConsumerRecord<String, byte[]>> dead = one(consumer, new TopicPartition(Topics.DOCS_CHANGES_DLQ,
                ref.partition()), ref.offset());
        if (dead.isEmpty()) {
            return new Replayed(ref.partition(), ref.offset(), null, null, null, "no such record in "
                    + Topics.DOCS_CHANGES_DLQ + " (never written, or past retention)");
        }
        ConsumerRecord<String, byte[]> r = dead.get();
        byte[] value = r.value();
        if (DeadLetterEntry.header(r, DeadLetterPublisher.VALUE_OMITTED) != null) {
            Optional<ConsumerRecord<String, byte[]>> original = original(consumer, r);
            if (original.isEmpty()) {
                return new Replayed(ref.partition(), ref.offset(), r.key(), null, null, "the copy has no value and the "
                        + "original is no longer in " + DeadLetterEntry.header(r, DeadLetterPublisher.TOPIC));
            }
            value = original.get().value();
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header h : r.headers()) {
            if (!DeadLetterPublisher.isDeadLetterHeader(h.key()) && !h.key().equals(REPLAYED_FROM)) {
                headers.add(h.key(), h.value());
            }
        }
        headers.add(REPLAYED_FROM, (r.topic() + "-" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.DOCS_CHANGES, null, r.key(), value, headers))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Replayed(ref.partition(), ref.offset(), r.key(), sent.partition(), sent.offset(), null);
        } catch (Exception e) {
            return new Replayed(ref.partition(), ref.offset(), r.key(), null, null, "not published: " + e.getMessage());
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> original(KafkaConsumer<String, byte[]> consumer,
            ConsumerRecord<String, byte[]> dead) {
        try {
            String topic = DeadLetterEntry.header(dead, DeadLetterPublisher.TOPIC);
            int partition = Integer.parseInt(DeadLetterEntry.header(dead, DeadLetterPublisher.PARTITION));
            long offset = Long.parseLong(DeadLetterEntry.header(dead, DeadLetterPublisher.OFFSET));
            return one(consumer, new TopicPartition(topic, partition), offset);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<ConsumerRecord<String, byte[]>> one(KafkaConsumer<String, byte[]> consumer,
            TopicPartition p, long offset) {
        long begin = consumer.beginningOffsets(List.of(p), TIMEOUT).get(p);
        long end = consumer.endOffsets(List.of(p), TIMEOUT).get(p);
        if (offset < begin || offset >= end) {
            return Optional.empty();
        }
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>(1);
        read(consumer, p, offset, offset + 1, r -> {
            if (r.offset() == offset) {
                found.add(r);
            }
            return found.isEmpty();
        });
        return found.stream().findFirst();
    }

    /** Reads {@code p} from {@code from} until {@code end} or until {@code more} says stop. */
    private static void read(KafkaConsumer<String, byte[]> consumer, TopicPartition p, long from, long end,
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> more) {
        if (from >= end) {
            return;
        }
        consumer.assign(List.of(p));
        consumer.seek(p, from);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(p) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL).records(p)) {
                if (r.offset() >= end || !more.test(r)) {
                    return;
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(clients.settings(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a copy may be as large as the largest record the broker accepts
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1 << 20,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100)),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(clients.settings(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 5_767_168)),
                new StringSerializer(), new ByteArraySerializer());
    }
}
