package dev.tailor.testsupport;

import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.DocumentDeleted;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Records of {@code docs.changes} as producers publish them: structured CloudEvents, key = document id. */
public final class DocumentChanges {

    private DocumentChanges() {
    }

    /** A document id no other test run uses. */
    public static String newDocId(String what) {
        return "it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static DocumentUpserted doc(String docId, long version, String title, String content, String... roles) {
        return new DocumentUpserted(docId, version, title, content, "text/markdown", List.of(roles), "tests", null, null);
    }

    public static ProducerRecord<String, byte[]> upsert(DocumentUpserted data) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, data.docId(),
                DocumentChangeEvents.structured(DocumentChangeEvents.upserted(data)), structuredHeaders());
    }

    public static ProducerRecord<String, byte[]> delete(String docId, long version) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, docId,
                DocumentChangeEvents.structured(DocumentChangeEvents.deleted(new DocumentDeleted(docId, version))),
                structuredHeaders());
    }

    public static ProducerRecord<String, byte[]> tombstone(String docId) {
        return new ProducerRecord<>(Topics.DOCS_CHANGES, null, docId, null, new RecordHeaders());
    }

    public static RecordHeaders structuredHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", DocumentChangeEvents.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
