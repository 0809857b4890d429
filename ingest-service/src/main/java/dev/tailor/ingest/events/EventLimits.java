package dev.tailor.ingest.events;

import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.ingest.chunking.Utf8;
import dev.tailor.ingest.config.IngestConfig;
import io.cloudevents.CloudEvent;

import java.util.Map;

/**
 * Checks every field of an event against {@code tailor.ingest.limits}: what one record may make the service hold
 * and repeat (the title and roles are stored on every chunk object, so they multiply with the chunks).
 */
final class EventLimits {

    static final String PREFIX = "tailor.ingest.limits.";

    private final IngestConfig.Limits limits;

    EventLimits(IngestConfig.Limits limits) {
        this.limits = limits;
    }

    void docId(String docId) throws InvalidEventException {
        atMost("docId", docId, limits.docIdBytes(), "doc-id-bytes");
    }

    void attributes(CloudEvent event) throws InvalidEventException {
        atMost("CloudEvent id", event.getId(), limits.attributeBytes(), "attribute-bytes");
        atMost("CloudEvent type", event.getType(), limits.attributeBytes(), "attribute-bytes");
        atMost("CloudEvent source", event.getSource() == null ? null : event.getSource().toString(),
                limits.attributeBytes(), "attribute-bytes");
        atMost("CloudEvent subject", event.getSubject(), limits.attributeBytes(), "attribute-bytes");
    }

    void upsert(DocumentUpserted d) throws InvalidEventException {
        docId(d.docId());
        atMost("contentType of '" + d.docId() + "'", d.contentType(), limits.attributeBytes(), "attribute-bytes");
        atMost("title of '" + d.docId() + "'", d.title(), limits.titleBytes(), "title-bytes");
        atMost("source of '" + d.docId() + "'", d.source(), limits.sourceBytes(), "source-bytes");
        atMost("uri of '" + d.docId() + "'", d.uri(), limits.uriBytes(), "uri-bytes");
        if (d.allowedRoles().size() > limits.roles()) {
            throw over("allowedRoles of '" + d.docId() + "' has " + d.allowedRoles().size() + " entries",
                    limits.roles(), "roles");
        }
        for (String role : d.allowedRoles()) {
            atMost("a role of '" + d.docId() + "'", role, limits.roleBytes(), "role-bytes");
        }
        metadata(d.docId(), d.metadata());
        atMost("content of '" + d.docId() + "'", d.content(), limits.contentBytes(), "content-bytes");
    }

    private void metadata(String docId, Map<String, String> metadata) throws InvalidEventException {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > limits.metadataEntries()) {
            throw over("metadata of '" + docId + "' has " + metadata.size() + " entries", limits.metadataEntries(),
                    "metadata-entries");
        }
        long bytes = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            bytes += Utf8.length(e.getKey()) + Utf8.length(e.getValue());
        }
        if (bytes > limits.metadataBytes()) {
            throw over("metadata of '" + docId + "' is " + bytes + " bytes", limits.metadataBytes(), "metadata-bytes");
        }
    }

    private static void atMost(String what, String value, int limit, String key) throws InvalidEventException {
        long bytes = Utf8.length(value);
        if (bytes > limit) {
            throw over(what + " is " + bytes + " bytes", limit, key);
        }
    }

    private static InvalidEventException over(String what, int limit, String key) {
        return new InvalidEventException(what + ", over the limit of " + limit + " (" + PREFIX + key + ")",
                PREFIX + key);
    }
}
