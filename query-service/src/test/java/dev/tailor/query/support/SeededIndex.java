package dev.tailor.query.support;

import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.testsupport.IndexSeed;
import io.quarkus.arc.Arc;
import io.weaviate.client6.v1.api.WeaviateClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes TailorChunk objects straight into the real Weaviate, as ingest-service would (same schema, same
 * embedding model, deterministic ids), so that query tests do not depend on ingest-service running. Every run
 * uses fresh doc ids; objects are never deleted by others' tests and ours do not collide with theirs.
 */
public final class SeededIndex {

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
        IndexSeed.remove(client(), chunks(docs, null));
    }

    /** Indexes each doc as one chunk (chunkIndex 0), embedded by the service's own model. */
    public static void index(List<Doc> docs) throws Exception {
        IndexEmbedding embedding = Arc.container().instance(IndexEmbedding.class).get();
        IndexSeed.write(client(), chunks(docs, embedding.embedAll(docs.stream().map(d -> d.title() + "\n" + d.text()).toList())));
    }

    private static List<IndexSeed.Chunk> chunks(List<Doc> docs, List<float[]> vectors) {
        List<IndexSeed.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Doc d = docs.get(i);
            chunks.add(new IndexSeed.Chunk(d.docId(), 0, d.title(), d.text(), d.allowedRoles(),
                    Integer.toHexString(d.text().hashCode()), d.text().length() / 4 + 1, vectors == null ? null : vectors.get(i)));
        }
        return chunks;
    }
}
