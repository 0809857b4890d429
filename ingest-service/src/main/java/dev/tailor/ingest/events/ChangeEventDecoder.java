package dev.tailor.ingest.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentDeleted;
import dev.tailor.contracts.DocumentEventTypes;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.index.DocumentChange;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Turns a {@code docs.changes} record into a {@link DocumentChange}, or says precisely why it cannot: structured
 * mode ({@code content-type: application/cloudevents+json}, or no content type but a JSON object with
 * {@code specversion}), binary mode ({@code ce_*} headers), or a tombstone (null value).
 */
@ApplicationScoped
public class ChangeEventDecoder {

    private static final EventFormat STRUCTURED = new JsonFormat();
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final EventLimits limits;

    @Inject
    ChangeEventDecoder(IngestConfig config) {
        this(config.limits());
    }

    public ChangeEventDecoder(IngestConfig.Limits limits) {
        this.limits = new EventLimits(limits);
    }

    public DocumentChange decode(ConsumerRecord<String, byte[]> record) throws InvalidEventException {
        Instant recordTime = record.timestamp() >= 0 ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
        if (record.value() == null) {
            if (record.key() == null || record.key().isBlank()) {
                throw new InvalidEventException("tombstone without a key: no document to delete");
            }
            limits.docId(record.key());
            return new DocumentChange.Delete(record.key(), null, recordTime);
        }
        CloudEvent event = cloudEvent(record);
        limits.attributes(event);
        Instant eventTime = event.getTime() != null ? event.getTime().toInstant() : recordTime;
        byte[] data = event.getData() == null ? null : event.getData().toBytes();
        if (data == null || data.length == 0) {
            throw new InvalidEventException("CloudEvent " + event.getId() + " has no data");
        }
        DocumentChange change = switch (event.getType()) {
            case DocumentEventTypes.UPSERTED -> new DocumentChange.Upsert(upserted(data), eventTime);
            case DocumentEventTypes.DELETED -> {
                DocumentDeleted d = parse(data, DocumentDeleted.class);
                requireId(d.docId());
                requireVersion(d.version());
                limits.docId(d.docId());
                yield new DocumentChange.Delete(d.docId(), d.version(), eventTime);
            }
            default -> throw new InvalidEventException("unknown CloudEvent type '" + event.getType() + "' (expected "
                    + DocumentEventTypes.UPSERTED + " or " + DocumentEventTypes.DELETED + ")");
        };
        if (record.key() != null && !record.key().equals(change.docId())) {
            throw new InvalidEventException("record key '" + record.key() + "' differs from data.docId '"
                    + change.docId() + "' (the key must be the document id to keep a document's changes in order)");
        }
        return change;
    }

    private CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) throws InvalidEventException {
        try {
            if (!hasHeader(record, "content-type") && !hasHeader(record, "ce_specversion")) {
                // structured mode whose producer set no content-type header
                JsonNode json = readTree(record.value());
                if (!json.isObject() || !json.has("specversion")) {
                    throw new InvalidEventException("not a CloudEvent: no content-type or ce_specversion header and "
                            + "the value is not a JSON object with 'specversion'");
                }
                return STRUCTURED.deserialize(record.value());
            }
            return KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
        } catch (CloudEventRWException | EventDeserializationException | IllegalArgumentException e) {
            throw new InvalidEventException("not a valid CloudEvent: " + rootMessage(e));
        }
    }

    private DocumentUpserted upserted(byte[] data) throws InvalidEventException {
        DocumentUpserted d = parse(data, DocumentUpserted.class);
        requireId(d.docId());
        requireVersion(d.version());
        List<String> roles = d.allowedRoles();
        if (roles == null || roles.isEmpty()) {
            throw new InvalidEventException("upsert of '" + d.docId() + "' has no allowedRoles (access is fail-closed)");
        }
        if (roles.stream().anyMatch(r -> r == null || r.isBlank())) {
            throw new InvalidEventException("upsert of '" + d.docId() + "' has a blank role in allowedRoles");
        }
        if (d.content() == null || d.content().isBlank()) {
            throw new InvalidEventException("upsert of '" + d.docId() + "' has empty content");
        }
        limits.upsert(d);
        return d;
    }

    private static <T> T parse(byte[] data, Class<T> type) throws InvalidEventException {
        try {
            return JSON.readValue(data, type);
        } catch (IOException e) {
            throw new InvalidEventException("data is not a valid " + type.getSimpleName() + " JSON object: "
                    + rootMessage(e));
        }
    }

    private static JsonNode readTree(byte[] value) throws InvalidEventException {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new InvalidEventException("value is not JSON: " + rootMessage(e));
        }
    }

    private static void requireId(String docId) throws InvalidEventException {
        if (docId == null || docId.isBlank()) {
            throw new InvalidEventException("data has no docId");
        }
    }

    private static void requireVersion(Long version) throws InvalidEventException {
        if (version == null) {
            throw new InvalidEventException("data has no version");
        }
        if (version < 0) {
            throw new InvalidEventException("version must not be negative: " + version);
        }
    }

    private static boolean hasHeader(ConsumerRecord<?, ?> record, String name) {
        for (Header h : record.headers()) {
            if (h.key().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        // Jackson appends the source location; one line is enough for a header
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
