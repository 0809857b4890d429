package dev.tailor.query.support;

import dev.tailor.contracts.IndexEmbedding;
import dev.tailor.contracts.IndexModel;
import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import io.quarkus.arc.Arc;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.Vectors;
import io.weaviate.client6.v1.api.collections.WeaviateObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes TailorChunk objects straight into the real Weaviate, as ingest-service would (same schema, same
 * embedding model, deterministic ids), so that query tests do not depend on ingest-service running. Every run
 * uses fresh doc ids; objects are never deleted by others' tests and ours do not collide with theirs.
 */
public final class SeededIndex {

    public static final IndexModel MODEL = IndexEmbedding.DEFAULT_MODEL;
    private static final IndexEmbedding EMBEDDER = new IndexEmbedding(IndexEmbedding.DEFAULT_MODEL, 2, "seed-embedding");

    private SeededIndex() {
    }

    public record Doc(String docId, String title, String text, List<String> allowedRoles) {
    }

    /** The service's own client: the Weaviate its configuration names ({@code WEAVIATE_URL}…), not a fixed address. */
    public static WeaviateClient client() {
        return Arc.container().instance(WeaviateClient.class).get();
    }

    /** A lowercase word that appears nowhere else: a unique marker for one test run. */
    public static String uniqueWord(String prefix) {
        Random r = new Random();
        StringBuilder s = new StringBuilder(prefix);
        for (int i = 0; i < 10; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    /** Removes the chunks of these docs (only ever ours: their ids are unique to one test run). */
    public static void remove(List<Doc> docs) {
        var chunks = client().collections.use(WeaviateSchema.CHUNK);
        String[] ids = docs.stream().map(d -> ObjectIds.chunk(d.docId(), 0).toString()).toArray(String[]::new);
        chunks.data.deleteMany(ids);
    }

    /** Indexes each doc as one chunk (chunkIndex 0). */
    public static void index(List<Doc> docs) throws Exception {
        WeaviateSchema.ensure(client(), MODEL);
        var chunks = client().collections.use(WeaviateSchema.CHUNK);
        List<float[]> vectors = EMBEDDER.embedAll(docs.stream().map(d -> d.title() + "\n" + d.text()).toList());
        List<WeaviateObject<Map<String, Object>>> objects = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Doc d = docs.get(i);
            Map<String, Object> p = new HashMap<>();
            p.put(Props.DOC_ID, d.docId());
            p.put(Props.CHUNK_INDEX, 0);
            p.put(Props.TITLE, d.title());
            p.put(Props.TEXT, d.text());
            p.put(Props.ALLOWED_ROLES, d.allowedRoles());
            p.put(Props.CONTENT_HASH, Integer.toHexString(d.text().hashCode()));
            p.put(Props.TOKEN_COUNT, d.text().length() / 4 + 1);
            p.put(Props.VERSION, 1);
            float[] v = vectors.get(i);
            objects.add(WeaviateObject.of(o -> o.uuid(ObjectIds.chunk(d.docId(), 0).toString()).properties(p)
                    .vectors(Vectors.of(v))));
        }
        for (int from = 0; from < objects.size(); from += 200) {
            var response = chunks.data.insertMany(objects.subList(from, Math.min(objects.size(), from + 200)));
            if (!response.errors().isEmpty()) {
                throw new IllegalStateException("seeding failed: " + response.errors());
            }
        }
    }
}
