package dev.tailor.finetune.corpus;

import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every document object of the index (TailorDocument), tombstones included, read with Weaviate's cursor. */
@ApplicationScoped
public class IndexedDocuments {

    static final int PAGE = 500;

    private final WeaviateClient weaviate;

    IndexedDocuments(WeaviateClient weaviate) {
        this.weaviate = weaviate;
    }

    /** @throws RuntimeException when Weaviate cannot be read (the caller retries) */
    public List<IndexedDocument> all() {
        if (!weaviateHasDocuments()) {
            return List.of();
        }
        List<IndexedDocument> documents = new ArrayList<>();
        weaviate.collections.use(WeaviateSchema.DOCUMENT).paginate(p -> p.pageSize(PAGE)
                        .returnProperties(Props.DOC_ID, Props.VERSION, Props.TITLE, Props.ALLOWED_ROLES,
                                Props.CONTENT_HASH, Props.CHUNK_COUNT, Props.TOKEN_COUNT, Props.DELETED, Props.UPDATED_AT))
                .forEach(o -> documents.add(toDocument(o.properties())));
        return documents;
    }

    private boolean weaviateHasDocuments() {
        try {
            return weaviate.collections.exists(WeaviateSchema.DOCUMENT);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot reach Weaviate: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static IndexedDocument toDocument(Map<String, Object> p) {
        Object roles = p.get(Props.ALLOWED_ROLES);
        return new IndexedDocument(String.valueOf(p.get(Props.DOC_ID)), longOf(p.get(Props.VERSION)),
                roles instanceof List<?> l ? List.copyOf((List<String>) l) : List.of(),
                p.get(Props.TITLE) == null ? "" : String.valueOf(p.get(Props.TITLE)),
                p.get(Props.CONTENT_HASH) == null ? null : String.valueOf(p.get(Props.CONTENT_HASH)),
                (int) longOf(p.get(Props.CHUNK_COUNT)), longOf(p.get(Props.TOKEN_COUNT)),
                Boolean.TRUE.equals(p.get(Props.DELETED)), instant(p.get(Props.UPDATED_AT)));
    }

    private static long longOf(Object v) {
        return v instanceof Number n ? n.longValue() : 0L;
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        try {
            return java.time.OffsetDateTime.parse(v.toString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
