package dev.tailor.ingest.support;

import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.DocumentDeleted;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Publishes to {@code docs.changes} the way producers do: a plain KafkaProducer, key = document id. */
public final class ChangeTopic implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public ChangeTopic() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A document id no other test run uses. */
    public static String newDocId(String what) {
        return "it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static DocumentUpserted doc(String docId, long version, String title, String content, String... roles) {
        return new DocumentUpserted(docId, version, title, content, "text/markdown", List.of(roles), "tests", null, null);
    }

    public void upsert(DocumentUpserted data) {
        send(data.docId(), DocumentChangeEvents.structured(DocumentChangeEvents.upserted(data)), structuredHeaders());
    }

    public void delete(String docId, long version) {
        send(docId, DocumentChangeEvents.structured(DocumentChangeEvents.deleted(new DocumentDeleted(docId, version))),
                structuredHeaders());
    }

    public void tombstone(String docId) {
        send(docId, null, new RecordHeaders());
    }

    public void send(String key, byte[] value, RecordHeaders headers) {
        try {
            producer.send(new ProducerRecord<>(Topics.DOCS_CHANGES, null, key, value, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topics.DOCS_CHANGES, e);
        }
    }

    public static RecordHeaders structuredHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", DocumentChangeEvents.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Override
    public void close() {
        producer.close();
    }
}
