package dev.tailor.ingest.index;

import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.ingest.chunking.Chunk;
import dev.tailor.ingest.config.IngestConfig;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.weaviate.client6.v1.api.WeaviateApiException;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionHandle;
import io.weaviate.client6.v1.api.collections.Vectors;
import io.weaviate.client6.v1.api.collections.WeaviateObject;
import io.weaviate.client6.v1.api.collections.data.DeleteManyResponse;
import io.weaviate.client6.v1.api.collections.data.InsertManyResponse;
import io.weaviate.client6.v1.api.collections.query.Filter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes documents' objects in Weaviate, many documents per round trip. Writes go through batch inserts
 * with deterministic ids: Weaviate replaces an object whose id exists, so a replayed change overwrites instead of
 * duplicating.
 */
@ApplicationScoped
public class DocumentIndex {

    /**
     * Most objects one query returns (Weaviate's default QUERY_MAXIMUM_RESULTS); a document never has more chunks.
     * The default limit of a query is 10, so every query here sets its limit.
     */
    static final int MAX_CHUNKS_PER_QUERY = 10_000;
    /** Objects per batch insert: big enough to amortize the round trip (bytes are bounded by configuration too). */
    static final int MAX_OBJECTS_PER_BATCH = 500;
    /** gRPC codes of a request Weaviate understood and refused: sending it again gets the same answer. */
    private static final java.util.Set<String> REFUSALS = java.util.Set.of("INVALID_ARGUMENT", "OUT_OF_RANGE",
            "ALREADY_EXISTS", "UNIMPLEMENTED");
    static final String[] DOCUMENT_PROPERTIES = {Props.DOC_ID, Props.VERSION, Props.TITLE,
            Props.ALLOWED_ROLES, Props.CONTENT_HASH, Props.CHUNK_COUNT, Props.TOKEN_COUNT, Props.DELETED, Props.SOURCE,
            Props.URI, Props.UPDATED_AT};

    private final CollectionHandle<Map<String, Object>> chunks;
    private final CollectionHandle<Map<String, Object>> documents;
    private final int maxBatchBytes;

    @Inject
    DocumentIndex(WeaviateClient client, IngestConfig config) {
        this(client.collections.use(WeaviateSchema.CHUNK), client.collections.use(WeaviateSchema.DOCUMENT),
                config.limits().batchBytes());
    }

    /** For test doubles of the index, which override every read and write. */
    DocumentIndex(CollectionHandle<Map<String, Object>> chunks, CollectionHandle<Map<String, Object>> documents,
            int maxBatchBytes) {
        this.chunks = chunks;
        this.documents = documents;
        this.maxBatchBytes = maxBatchBytes;
    }

    public Optional<IndexedDocument> document(String docId) {
        try {
            return documents.query.fetchObjectById(ObjectIds.document(docId).toString())
                    .map(o -> toDocument(o.properties()));
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot read document " + docId + " from Weaviate: " + e.getMessage(), e);
        }
    }

    /** The document objects of {@code docIds} that exist, by docId: one query for a whole wave of changes. */
    @WithSpan("weaviate read documents")
    public Map<String, IndexedDocument> documents(Collection<String> docIds) {
        if (docIds.isEmpty()) {
            return Map.of();
        }
        try {
            var response = documents.query.fetchObjects(q -> q
                    .filters(Filter.property(Props.DOC_ID).containsAny(List.copyOf(docIds)))
                    .returnProperties(DOCUMENT_PROPERTIES)
                    .limit(docIds.size()));
            Map<String, IndexedDocument> result = new HashMap<>();
            for (var o : response.objects()) {
                IndexedDocument d = toDocument(o.properties());
                result.put(d.docId(), d);
            }
            return result;
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot read " + docIds.size() + " documents from Weaviate: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The chunks of {@code docIds} in the index, with their vectors, by docId: one query while they fit in one
     * response, else one query per document.
     */
    @WithSpan("weaviate read chunks")
    public Map<String, List<IndexedChunk>> chunks(Collection<String> docIds) {
        if (docIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<IndexedChunk>> result = fetchChunks(List.copyOf(docIds));
        if (docIds.size() > 1 && result.values().stream().mapToInt(List::size).sum() >= MAX_CHUNKS_PER_QUERY) {
            // the response may be cut off: a chunk left out would neither be reused nor deleted when stale
            result = new HashMap<>();
            for (String docId : docIds) {
                result.putAll(fetchChunks(List.of(docId)));
            }
        }
        return result;
    }

    private Map<String, List<IndexedChunk>> fetchChunks(List<String> docIds) {
        try {
            var response = chunks.query.fetchObjects(q -> q
                    .filters(Filter.property(Props.DOC_ID).containsAny(docIds))
                    .returnProperties(Props.DOC_ID, Props.CHUNK_INDEX, Props.CONTENT_HASH)
                    .includeVector()
                    .limit(MAX_CHUNKS_PER_QUERY));
            Map<String, List<IndexedChunk>> result = new HashMap<>();
            for (var o : response.objects()) {
                Map<String, Object> p = o.properties();
                float[] vector = o.vectors() == null || o.vectors().size() == 0 ? null : o.vectors().getDefaultSingle();
                result.computeIfAbsent((String) p.get(Props.DOC_ID), k -> new ArrayList<>())
                        .add(new IndexedChunk(intOf(p.get(Props.CHUNK_INDEX)), (String) p.get(Props.CONTENT_HASH), vector));
            }
            return result;
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot read chunks of " + docIds.size() + " documents from Weaviate: "
                    + e.getMessage(), e);
        }
    }

    /** Chunk objects to (re)write for one document, with the vectors of their texts by hash. */
    public record ChunkWrites(String docId, long version, String title, List<String> roles, List<Chunk> chunks,
            Map<String, float[]> vectors) {
    }

    /** Writes (inserts or replaces) chunk objects with their vectors, of any number of documents, in batches. */
    @WithSpan("weaviate write chunks")
    public void writeChunks(List<ChunkWrites> writes) {
        Batches batches = new Batches(maxBatchBytes);
        for (ChunkWrites w : writes) {
            long shared = Utf8Bytes.of(w.docId()) + Utf8Bytes.of(w.title()) + Utf8Bytes.of(w.roles()) + 128;
            for (Chunk c : w.chunks()) {
                Map<String, Object> p = new HashMap<>();
                p.put(Props.DOC_ID, w.docId());
                p.put(Props.CHUNK_INDEX, c.index());
                p.put(Props.TITLE, w.title() == null ? "" : w.title());
                p.put(Props.TEXT, c.text());
                p.put(Props.ALLOWED_ROLES, w.roles());
                p.put(Props.CONTENT_HASH, c.hash());
                p.put(Props.TOKEN_COUNT, c.tokenCount());
                p.put(Props.VERSION, w.version());
                float[] vector = w.vectors().get(c.hash());
                if (vector == null) {
                    throw new IllegalStateException("no vector for chunk " + c.index() + " of " + w.docId());
                }
                String uuid = ObjectIds.chunk(w.docId(), c.index()).toString();
                batches.add(w.docId(), uuid, WeaviateObject.of(o -> o.uuid(uuid).properties(p).vectors(Vectors.of(vector))),
                        shared + Utf8Bytes.of(c.text()) + 4L * vector.length);
            }
        }
        batches.insertInto(chunks, "chunks of " + writes.size() + " document(s)");
    }

    /** Deletes every chunk object of {@code docIds}. */
    @WithSpan("weaviate delete chunks")
    public void deleteAllChunks(Collection<String> docIds) {
        if (!docIds.isEmpty()) {
            deleteChunksWhere(Filter.property(Props.DOC_ID).containsAny(List.copyOf(docIds)),
                    docIds.size() + " document(s)");
        }
    }

    /** Deletes the document's chunk objects at {@code fromIndex} and beyond. */
    @WithSpan("weaviate delete chunks")
    public void deleteChunks(String docId, int fromIndex) {
        deleteChunksWhere(Filter.and(
                Filter.property(Props.DOC_ID).eq(docId),
                Filter.property(Props.CHUNK_INDEX).gte(fromIndex)), docId);
    }

    private void deleteChunksWhere(Filter filter, String what) {
        try {
            DeleteManyResponse response;
            do {
                // one call deletes at most QUERY_MAXIMUM_RESULTS objects (a server setting): repeat until none is left
                response = chunks.data.deleteMany(filter);
                if (response.failed() > 0) {
                    throw new IndexUnavailableException("Weaviate failed to delete " + response.failed() + " chunks of " + what);
                }
            } while (response.matches() > 0);
        } catch (IndexUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot delete chunks of " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the document object of {@code docId} and its chunk objects at indexes below {@code chunks}, one request
     * per object, by id. Weaviate killed in the middle of a batch may keep an object without its entries in the
     * filter indexes (each is a bucket of its own, flushed at its own time), and an identical rewrite only updates
     * the entries that changed; deleting by id goes through the object itself, so the next insert starts clean.
     * A delete-many by filter would not see such an object.
     */
    @WithSpan("weaviate purge document")
    public void purge(String docId, int chunks) {
        try {
            documents.data.deleteById(ObjectIds.document(docId).toString());
            for (int i = 0; i < chunks; i++) {
                this.chunks.data.deleteById(ObjectIds.chunk(docId, i).toString());
            }
        } catch (IOException | RuntimeException e) {
            throw new IndexUnavailableException("cannot purge the objects of " + docId + ": " + e.getMessage(), e);
        }
    }

    /** A document object and the hashes of its chunks, in order. */
    public record DocumentWrite(IndexedDocument document, List<String> chunkHashes) {
    }

    /** Writes document objects, after their chunks: a document's version marks its change as done. */
    @WithSpan("weaviate write documents")
    public void writeDocuments(List<DocumentWrite> writes) {
        Batches batches = new Batches(maxBatchBytes);
        for (DocumentWrite w : writes) {
            IndexedDocument d = w.document();
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
            p.put(Props.CHUNK_HASHES, w.chunkHashes());
            p.put(Props.DELETED, d.deleted());
            if (d.source() != null) {
                p.put(Props.SOURCE, d.source());
            }
            if (d.uri() != null) {
                p.put(Props.URI, d.uri());
            }
            p.put(Props.UPDATED_AT, d.updatedAt() == null ? Instant.now().toString() : d.updatedAt());
            String uuid = ObjectIds.document(d.docId()).toString();
            long bytes = Utf8Bytes.of(d.docId()) + Utf8Bytes.of(d.title()) + Utf8Bytes.of(d.allowedRoles())
                    + 72L * w.chunkHashes().size() + Utf8Bytes.of(d.source()) + Utf8Bytes.of(d.uri()) + 256;
            batches.add(d.docId(), uuid, WeaviateObject.of(o -> o.uuid(uuid).properties(p)), bytes);
        }
        batches.insertInto(documents, writes.size() + " document object(s)");
    }

    /** Objects cut into batch inserts of at most {@link #MAX_OBJECTS_PER_BATCH} objects and the configured bytes. */
    private static final class Batches {
        private final int maxBytes;
        private final List<List<WeaviateObject<Map<String, Object>>>> batches = new ArrayList<>();
        private final Map<String, String> docIdByUuid = new HashMap<>();
        private long bytes;

        Batches(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        void add(String docId, String uuid, WeaviateObject<Map<String, Object>> object, long objectBytes) {
            List<WeaviateObject<Map<String, Object>>> last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
            if (last == null || last.size() == MAX_OBJECTS_PER_BATCH || bytes + objectBytes > maxBytes) {
                last = new ArrayList<>();
                batches.add(last);
                bytes = 0;
            }
            last.add(object);
            bytes += objectBytes;
            docIdByUuid.put(uuid, docId);
        }

        void insertInto(CollectionHandle<Map<String, Object>> collection, String what) {
            for (List<WeaviateObject<Map<String, Object>>> batch : batches) {
                insert(collection, batch, what);
            }
        }

        private void insert(CollectionHandle<Map<String, Object>> collection,
                List<WeaviateObject<Map<String, Object>>> objects, String what) {
            InsertManyResponse response;
            try {
                response = collection.data.insertMany(objects);
            } catch (WeaviateApiException e) {
                if (refused(e)) {
                    throw new ObjectsRejectedException("Weaviate refused a batch of " + objects.size() + " object(s) of "
                            + what + ": " + e.getMessage(), Map.of(), e);
                }
                throw new IndexUnavailableException("cannot write " + what + " to Weaviate: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IndexUnavailableException("cannot write " + what + " to Weaviate: " + e.getMessage(), e);
            }
            if (response.errors().isEmpty()) {
                return;
            }
            String joined = String.join("; ", response.errors());
            if (joined.contains("read-only") || joined.contains("READONLY")) {
                // a shard turned read-only (disk or memory pressure): every object would fail until an operator acts
                throw new IndexUnavailableException("Weaviate refused writes of " + what + ": " + joined);
            }
            Map<String, String> errors = new HashMap<>();
            for (InsertManyResponse.InsertObject o : response.responses()) {
                if (!o.successful()) {
                    errors.putIfAbsent(docIdByUuid.getOrDefault(o.uuid(), "?"), String.valueOf(o.error()));
                }
            }
            throw new ObjectsRejectedException("Weaviate rejected " + response.errors().size() + " object(s) of "
                    + what + ": " + joined, errors, null);
        }

        private static boolean refused(WeaviateApiException e) {
            if (e.isGPRC()) {
                return REFUSALS.contains(e.grpcStatusCode());
            }
            Integer status = e.httpStatusCode();
            return status != null && status >= 400 && status < 500 && status != 408 && status != 429;
        }
    }

    @SuppressWarnings("unchecked")
    static IndexedDocument toDocument(Map<String, Object> p) {
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
