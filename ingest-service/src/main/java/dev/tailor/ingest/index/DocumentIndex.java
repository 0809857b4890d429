package dev.tailor.ingest.index;

import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.ingest.chunking.Chunk;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionHandle;
import io.weaviate.client6.v1.api.collections.Vectors;
import io.weaviate.client6.v1.api.collections.WeaviateObject;
import io.weaviate.client6.v1.api.collections.data.InsertManyResponse;
import io.weaviate.client6.v1.api.collections.query.Filter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes a document's objects in Weaviate. Writes go through batch inserts with deterministic ids:
 * Weaviate replaces an object whose id exists, so a replayed change overwrites instead of duplicating.
 */
@ApplicationScoped
public class DocumentIndex {

    /** Weaviate's default query limit is 10; a document never has more chunks than this. */
    static final int MAX_CHUNKS_PER_DOCUMENT = 10_000;

    private final CollectionHandle<Map<String, Object>> chunks;
    private final CollectionHandle<Map<String, Object>> documents;

    DocumentIndex(WeaviateClient client) {
        this.chunks = client.collections.use(WeaviateSchema.CHUNK);
        this.documents = client.collections.use(WeaviateSchema.DOCUMENT);
    }

    public Optional<IndexedDocument> document(String docId) {
        try {
            return documents.query.fetchObjectById(ObjectIds.document(docId).toString())
                    .map(o -> toDocument(o.properties()));
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot read document " + docId + " from Weaviate: " + e.getMessage(), e);
        }
    }

    /** The document's chunks in the index, with their vectors. */
    public List<IndexedChunk> chunks(String docId) {
        try {
            var response = chunks.query.fetchObjects(q -> q
                    .filters(Filter.property(Props.DOC_ID).eq(docId))
                    .returnProperties(Props.CHUNK_INDEX, Props.CONTENT_HASH)
                    .includeVector()
                    .limit(MAX_CHUNKS_PER_DOCUMENT));
            List<IndexedChunk> result = new ArrayList<>();
            for (var o : response.objects()) {
                Map<String, Object> p = o.properties();
                float[] vector = o.vectors() == null || o.vectors().size() == 0 ? null : o.vectors().getDefaultSingle();
                result.add(new IndexedChunk(intOf(p.get(Props.CHUNK_INDEX)), (String) p.get(Props.CONTENT_HASH), vector));
            }
            return result;
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot read chunks of " + docId + " from Weaviate: " + e.getMessage(), e);
        }
    }

    /** Writes (inserts or replaces) chunk objects with their vectors. */
    public void writeChunks(String docId, long version, String title, List<String> roles,
            List<Chunk> toWrite, Map<String, float[]> vectors) {
        if (toWrite.isEmpty()) {
            return;
        }
        List<WeaviateObject<Map<String, Object>>> objects = new ArrayList<>(toWrite.size());
        for (Chunk c : toWrite) {
            Map<String, Object> p = new HashMap<>();
            p.put(Props.DOC_ID, docId);
            p.put(Props.CHUNK_INDEX, c.index());
            p.put(Props.TITLE, title == null ? "" : title);
            p.put(Props.TEXT, c.text());
            p.put(Props.ALLOWED_ROLES, roles);
            p.put(Props.CONTENT_HASH, c.hash());
            p.put(Props.TOKEN_COUNT, c.tokenCount());
            p.put(Props.VERSION, version);
            float[] vector = vectors.get(c.hash());
            if (vector == null) {
                throw new IllegalStateException("no vector for chunk " + c.index() + " of " + docId);
            }
            objects.add(WeaviateObject.of(o -> o.uuid(ObjectIds.chunk(docId, c.index()).toString())
                    .properties(p).vectors(Vectors.of(vector))));
        }
        insert(chunks, objects, "chunks of " + docId);
    }

    /** Deletes the document's chunk objects at {@code fromIndex} and beyond. */
    public void deleteChunks(String docId, int fromIndex) {
        try {
            var response = chunks.data.deleteMany(Filter.and(
                    Filter.property(Props.DOC_ID).eq(docId),
                    Filter.property(Props.CHUNK_INDEX).gte(fromIndex)));
            if (response.failed() > 0) {
                throw new IndexUnavailableException("Weaviate failed to delete " + response.failed() + " chunks of " + docId);
            }
        } catch (IndexUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot delete chunks of " + docId + ": " + e.getMessage(), e);
        }
    }

    /** Writes the document object, last: its version marks the change as done. */
    public void writeDocument(IndexedDocument d, List<String> chunkHashes) {
        Map<String, Object> p = new HashMap<>();
        p.put(Props.DOC_ID, d.docId());
        p.put(Props.VERSION, d.version());
        p.put(Props.TITLE, d.title() == null ? "" : d.title());
        p.put(Props.ALLOWED_ROLES, d.allowedRoles());
        if (d.contentHash() != null) {
            p.put(Props.CONTENT_HASH, d.contentHash());
        }
        p.put(Props.CHUNK_COUNT, d.chunkCount());
        p.put(Props.TOKEN_COUNT, d.tokenCount());
        p.put(Props.CHUNK_HASHES, chunkHashes);
        p.put(Props.DELETED, d.deleted());
        if (d.source() != null) {
            p.put(Props.SOURCE, d.source());
        }
        if (d.uri() != null) {
            p.put(Props.URI, d.uri());
        }
        p.put(Props.UPDATED_AT, d.updatedAt() == null ? Instant.now().toString() : d.updatedAt());
        insert(documents, List.of(WeaviateObject.of(o -> o.uuid(ObjectIds.document(d.docId()).toString()).properties(p))),
                "document " + d.docId());
    }

    private static void insert(CollectionHandle<Map<String, Object>> collection,
            List<WeaviateObject<Map<String, Object>>> objects, String what) {
        InsertManyResponse response;
        try {
            response = collection.data.insertMany(objects);
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot write " + what + " to Weaviate: " + e.getMessage(), e);
        }
        if (!response.errors().isEmpty()) {
            throw new IndexUnavailableException("Weaviate rejected " + response.errors().size() + " object(s) of " + what
                    + ": " + String.join("; ", response.errors()));
        }
    }

    @SuppressWarnings("unchecked")
    private static IndexedDocument toDocument(Map<String, Object> p) {
        Object roles = p.get(Props.ALLOWED_ROLES);
        Object updatedAt = p.get(Props.UPDATED_AT);
        return new IndexedDocument(
                (String) p.get(Props.DOC_ID),
                longOf(p.get(Props.VERSION)),
                (String) p.get(Props.TITLE),
                roles instanceof List<?> l ? List.copyOf((List<String>) l) : List.of(),
                (String) p.get(Props.CONTENT_HASH),
                intOf(p.get(Props.CHUNK_COUNT)),
                longOf(p.get(Props.TOKEN_COUNT)),
                Boolean.TRUE.equals(p.get(Props.DELETED)),
                (String) p.get(Props.SOURCE),
                (String) p.get(Props.URI),
                updatedAt == null ? null : updatedAt.toString());
    }

    private static int intOf(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static long longOf(Object v) {
        return v instanceof Number n ? n.longValue() : 0L;
    }
}
