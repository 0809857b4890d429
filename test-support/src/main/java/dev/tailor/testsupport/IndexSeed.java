package dev.tailor.testsupport;

import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.runtime.weaviate.IndexSchema;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.Vectors;
import io.weaviate.client6.v1.api.collections.WeaviateObject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes chunk objects straight into the real Weaviate as ingest-service would (same schema, deterministic ids), so
 * that a test of another service needs no ingest-service. Tests seed documents with ids of their own and remove them.
 */
public final class IndexSeed {

    private static final int BATCH = 200;

    private IndexSeed() {
    }

    /** A chunk to write; its vector comes from the index's model, or any 384 numbers where similarity is no matter. */
    public record Chunk(String docId, int chunkIndex, String title, String text, List<String> roles, String contentHash,
            int tokenCount, float[] vector) {

        public String uuid() {
            return ObjectIds.chunk(docId, chunkIndex).toString();
        }
    }

    /** Creates the index if absent, for the default embedding model, and writes the chunks. */
    public static void write(WeaviateClient client, List<Chunk> chunks) throws IOException {
        IndexSchema.ensure(client, IndexEmbedding.DEFAULT_MODEL);
        var collection = client.collections.use(WeaviateSchema.CHUNK);
        List<WeaviateObject<Map<String, Object>>> objects = new ArrayList<>();
        for (Chunk c : chunks) {
            Map<String, Object> p = new HashMap<>();
            p.put(Props.DOC_ID, c.docId());
            p.put(Props.CHUNK_INDEX, c.chunkIndex());
            p.put(Props.TITLE, c.title());
            p.put(Props.TEXT, c.text());
            p.put(Props.ALLOWED_ROLES, c.roles());
            p.put(Props.CONTENT_HASH, c.contentHash());
            p.put(Props.TOKEN_COUNT, c.tokenCount());
            p.put(Props.VERSION, 1);
            objects.add(WeaviateObject.of(o -> o.uuid(c.uuid()).properties(p).vectors(Vectors.of(c.vector()))));
        }
        for (int from = 0; from < objects.size(); from += BATCH) {
            var response = collection.data.insertMany(objects.subList(from, Math.min(objects.size(), from + BATCH)));
            if (!response.errors().isEmpty()) {
                throw new IllegalStateException("seeding the index failed: " + response.errors());
            }
        }
    }

    /** Removes the chunks (only ever a test's own: their document ids are unique to one run). */
    public static void remove(WeaviateClient client, List<Chunk> chunks) {
        client.collections.use(WeaviateSchema.CHUNK).data.deleteMany(chunks.stream().map(Chunk::uuid).toArray(String[]::new));
    }
}
