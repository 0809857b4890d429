package dev.tailor.ingest.events;

import dev.tailor.ingest.index.DocumentChange;
import dev.tailor.ingest.support.TestConfig;
import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.DocumentDeleted;
import dev.tailor.contracts.DocumentUpserted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeEventDecoderTest {

    private final ChangeEventDecoder decoder = new ChangeEventDecoder(
            TestConfig.ingest(Map.of("tailor.ingest.limits.content-bytes", "1000")).limits());

    private static DocumentUpserted upsert(String docId, Long version, List<String> roles, String content) {
        return new DocumentUpserted(docId, version, "Title", content, "text/markdown", roles, null, null, null);
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("docs.changes", 0, 7L, 1000L, TimestampType.CREATE_TIME, -1, -1, key, value,
                headers, Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> structured(String key, DocumentUpserted data, boolean header) {
        RecordHeaders headers = new RecordHeaders();
        if (header) {
            headers.add(new RecordHeader("content-type",
                    DocumentChangeEvents.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        }
        return record(key, DocumentChangeEvents.structured(DocumentChangeEvents.upserted(data)), headers);
    }

    @Test
    void decodesAStructuredUpsertWithOrWithoutContentTypeHeader() throws Exception {
        for (boolean header : new boolean[] {true, false}) {
            DocumentChange change = decoder.decode(structured("d1", upsert("d1", 3L, List.of("hr"), "text"), header));
            assertThat(change).isInstanceOfSatisfying(DocumentChange.Upsert.class, u -> {
                assertThat(u.data().version()).isEqualTo(3L);
                assertThat(u.data().allowedRoles()).containsExactly("hr");
            });
        }
    }

    @Test
    void decodesABinaryModeDelete() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes());
        headers.add("ce_id", "e1".getBytes());
        headers.add("ce_source", "urn:test".getBytes());
        headers.add("ce_type", "tailor.document.deleted".getBytes());
        headers.add("content-type", "application/json".getBytes());
        byte[] data = "{\"docId\":\"d2\",\"version\":5}".getBytes();

        DocumentChange change = decoder.decode(record("d2", data, headers));

        assertThat(change).isEqualTo(new DocumentChange.Delete("d2", 5L, change.eventTime()));
        assertThat(change.eventTime().toEpochMilli()).isEqualTo(1000L);
    }

    @Test
    void aNullValueIsATombstoneDeletingTheKeyedDocument() throws Exception {
        assertThat(decoder.decode(record("d3", null, new RecordHeaders())))
                .isInstanceOfSatisfying(DocumentChange.Delete.class, d -> assertThat(d.version()).isNull());
    }

    @Test
    void rejectsEachKindOfInvalidEventWithItsReason() {
        assertReason(record("k", "{not json".getBytes(), new RecordHeaders()), "not JSON");
        assertReason(record("k", "{\"a\":1}".getBytes(), new RecordHeaders()), "not a CloudEvent");
        assertReason(structured("d", upsert("d", 1L, List.of(), "x"), true), "no allowedRoles");
        assertReason(structured("d", upsert("d", 1L, null, "x"), true), "no allowedRoles");
        assertReason(structured("d", upsert("d", null, List.of("hr"), "x"), true), "no version");
        assertReason(structured(null, upsert(null, 1L, List.of("hr"), "x"), true), "no docId");
        assertReason(structured("d", upsert("d", 1L, List.of("hr"), "  "), true), "empty content");
        assertReason(structured("d", upsert("d", 1L, List.of("hr"), "x".repeat(1001)), true), "over the limit");
        assertReason(structured("other", upsert("d", 1L, List.of("hr"), "x"), true), "differs from data.docId");
        assertReason(record(null, null, new RecordHeaders()), "tombstone without a key");
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", DocumentChangeEvents.STRUCTURED_CONTENT_TYPE.getBytes());
        byte[] unknownType = new String(DocumentChangeEvents.structured(
                DocumentChangeEvents.deleted(new DocumentDeleted("d", 1L))), StandardCharsets.UTF_8)
                .replace("tailor.document.deleted", "tailor.document.archived").getBytes(StandardCharsets.UTF_8);
        assertReason(record("d", unknownType, headers), "unknown CloudEvent type 'tailor.document.archived'");
    }

    private void assertReason(ConsumerRecord<String, byte[]> record, String reason) {
        assertThatThrownBy(() -> decoder.decode(record)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }
}
