package dev.tailor.contracts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Builds document-change CloudEvents the way producers must publish them: structured JSON mode, key = document
 * id. Used by our sample-corpus publisher, benchmarks and tests; producers in other languages follow the same
 * shape (see docs/events.md).
 */
public final class DocumentChangeEvents {

    /** Content type of a structured-mode CloudEvent record ({@code content-type} Kafka header). */
    public static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final EventFormat FORMAT = new JsonFormat();
    private static final URI DEFAULT_SOURCE = URI.create("urn:tailor:producer");

    private DocumentChangeEvents() {
    }

    public static CloudEvent upserted(DocumentUpserted data) {
        return event(DocumentEventTypes.UPSERTED, data.docId(), data);
    }

    public static CloudEvent deleted(DocumentDeleted data) {
        return event(DocumentEventTypes.DELETED, data.docId(), data);
    }

    /** The structured-mode JSON bytes of an event (the Kafka record value). */
    public static byte[] structured(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    private static CloudEvent event(String type, String docId, Object data) {
        try {
            return CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withType(type)
                    .withSource(DEFAULT_SOURCE)
                    .withSubject(docId)
                    .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                    .withDataContentType("application/json")
                    .withData(JSON.writeValueAsBytes(data))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize event data", e);
        }
    }
}
