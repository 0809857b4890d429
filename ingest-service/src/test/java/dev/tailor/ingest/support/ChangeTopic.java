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
        sendTogether(List.of(upsertRecord(data)));
    }

    public void delete(String docId, long version) {
        sendTogether(List.of(deleteRecord(docId, version)));
    }

    public void tombstone(String docId) {
        sendTogether(List.of(tombstoneRecord(docId)));
    }

    public void send(String key, byte[] value, RecordHeaders headers) {
        sendTogether(List.of(new ProducerRecord<>(Topics.DOCS_CHANGES, null, key, value, headers)));
    }

    /** Publishes back to back and waits for all: records sent together usually reach one poll of the consumer. */
    public void sendTogether(List<ProducerRecord<String, byte[]>> records) {
        try {
            var sent = records.stream().map(producer::send).toList();
            for (var s : sent) {
                s.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topics.DOCS_CHANGES, e);
        }
    }

    public static ProducerRecord<String, byte[]> upsertRecord(DocumentUpserted data) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, data.docId(),
                DocumentChangeEvents.structured(DocumentChangeEvents.upserted(data)), structuredHeaders());
    }

    public static ProducerRecord<String, byte[]> deleteRecord(String docId, long version) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, docId,
                DocumentChangeEvents.structured(DocumentChangeEvents.deleted(new DocumentDeleted(docId, version))),
                structuredHeaders());
    }

    public static ProducerRecord<String, byte[]> tombstoneRecord(String docId) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, docId, null, new RecordHeaders());
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
