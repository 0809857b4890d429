package dev.tailor.ingest.support;

import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.query.Filter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What the index holds for a test's document, read straight from Weaviate. */
public final class IndexProbe {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private final WeaviateClient client;

    public IndexProbe(WeaviateClient client) {
        this.client = client;
    }

    /**
     * Whether Weaviate at {@code weaviateUrl} stores the object, asked by id over REST: that reads the object itself,
     * so it finds an object that a kill in the middle of a batch left without its filter entries, where the client's
     * reads (filters, and by id through the {@code id} filter) do not. False when Weaviate does not answer.
     */
    public static boolean storedById(URI weaviateUrl, String collection, String uuid) {
        HttpRequest head = HttpRequest.newBuilder(weaviateUrl.resolve("/v1/objects/" + collection + "/" + uuid))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(TIMEOUT).build();
        try {
            return HTTP.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The chunk objects of a document, by chunk index, with their ids. */
    public List<ChunkObject> chunks(String docId) {
        return chunks(Filter.property(Props.DOC_ID).eq(docId));
    }

    /**
     * Chunks of the document a reader holding {@code role} may see (the filter query-service applies). The list
     * overload matters: {@code containsAny(String)} sends a scalar, which Weaviate rejects for a text[] property.
     */
    public List<ChunkObject> chunksVisibleTo(String docId, String role) {
        return chunks(Filter.and(Filter.property(Props.DOC_ID).eq(docId),
                Filter.property(Props.ALLOWED_ROLES).containsAny(List.of(role))));
    }

    private List<ChunkObject> chunks(Filter filter) {
        var response = client.collections.use(WeaviateSchema.CHUNK).query.fetchObjects(q -> q.filters(filter).limit(10_000));
        return response.objects().stream()
                .map(o -> new ChunkObject(o.uuid(), o.properties()))
                .sorted(Comparator.comparingInt(ChunkObject::index))
                .toList();
    }

    public record ChunkObject(String uuid, Map<String, Object> properties) {
        public int index() {
            return ((Number) properties.get(Props.CHUNK_INDEX)).intValue();
        }

        public String text() {
            return (String) properties.get(Props.TEXT);
        }

        @SuppressWarnings("unchecked")
        public List<String> roles() {
            return (List<String>) properties.get(Props.ALLOWED_ROLES);
        }
    }
}
