package dev.tailor.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** Publishes test records to the real Kafka the way producers do, and waits until the broker has them. */
public final class TopicWriter implements AutoCloseable {

    /** JSON as the services write it: ISO-8601 instants. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, byte[]> producer;

    public TopicWriter() {
        this(1 << 20); // the producer's default
    }

    private TopicWriter(int maxRequestBytes) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Stack.fromEnvironment().kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A writer of records up to {@code bytes}, for records as large as the broker accepts. */
    public static TopicWriter forRecordsUpTo(int bytes) {
        return new TopicWriter(bytes);
    }

    /** Publishes back to back and waits for all: records sent together usually reach one poll of a consumer. */
    public void send(List<ProducerRecord<String, byte[]>> records) {
        try {
            List<Future<?>> sent = records.stream().<Future<?>>map(producer::send).toList();
            for (Future<?> s : sent) {
                s.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + records.size() + " record(s)", e);
        }
    }

    public void send(ProducerRecord<String, byte[]> record) {
        send(List.of(record));
    }

    /** {@code value} as JSON ({@code null}: a tombstone). */
    public void sendJson(String topic, String key, Object value) {
        try {
            send(new ProducerRecord<>(topic, key, value == null ? null : JSON.writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One JSON record, with a writer of its own. */
    public static void publishJson(String topic, String key, Object value) {
        try (TopicWriter writer = new TopicWriter()) {
            writer.sendJson(topic, key, value);
        }
    }

    public static String utf8(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
