package dev.tailor.ingest.index;

import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionHandle;
import io.weaviate.client6.v1.api.collections.query.Filter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What administrators browse (the web console's Documents page): the indexed documents whose id or title matches a
 * text, last changed first. Read-only, off the indexing path.
 */
@ApplicationScoped
public class DocumentCatalog {

    /** Documents one listing reads before it sorts them by last change: a console page, not an export. */
    static final int SCAN_LIMIT = 1000;

    private final CollectionHandle<Map<String, Object>> chunks;
    private final CollectionHandle<Map<String, Object>> documents;

    DocumentCatalog(WeaviateClient client) {
        this.chunks = client.collections.use(WeaviateSchema.CHUNK);
        this.documents = client.collections.use(WeaviateSchema.DOCUMENT);
    }

    /** Up to {@code limit} documents matching {@code text} by id (substring) or title (words); all when blank. */
    public List<IndexedDocument> find(String text, int limit) {
        try {
            Map<String, IndexedDocument> found = text == null || text.isBlank() ? all() : matching(text.strip());
            return found.values().stream()
                    .sorted(Comparator.comparing(IndexedDocument::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                    .limit(limit)
                    .toList();
        } catch (RuntimeException e) {
            throw new IndexUnavailableException("cannot list documents from Weaviate: " + e.getMessage(), e);
        }
    }

    private Map<String, IndexedDocument> all() {
        return byId(documents.query.fetchObjects(q -> q
                .returnProperties(DocumentIndex.DOCUMENT_PROPERTIES).limit(SCAN_LIMIT)).objects());
    }

    private Map<String, IndexedDocument> matching(String text) {
        Map<String, IndexedDocument> found = byId(documents.query.fetchObjects(q -> q
                .filters(Filter.property(Props.DOC_ID).like("*" + text + "*"))
                .returnProperties(DocumentIndex.DOCUMENT_PROPERTIES).limit(SCAN_LIMIT)).objects());
        // Titles are searchable on the chunks only: the document objects index nothing but their id.
        List<String> byTitle = chunks.query.bm25(text, b -> b.queryProperties(Props.TITLE)
                        .returnProperties(Props.DOC_ID).limit(SCAN_LIMIT)).objects().stream()
                .map(o -> (String) o.properties().get(Props.DOC_ID))
                .filter(id -> id != null && !found.containsKey(id))
                .distinct()
                .toList();
        if (!byTitle.isEmpty()) {
            found.putAll(byId(documents.query.fetchObjects(q -> q
                    .filters(Filter.property(Props.DOC_ID).containsAny(byTitle))
                    .returnProperties(DocumentIndex.DOCUMENT_PROPERTIES).limit(byTitle.size())).objects()));
        }
        return found;
    }

    private static Map<String, IndexedDocument> byId(
            List<io.weaviate.client6.v1.api.collections.WeaviateObject<Map<String, Object>>> objects) {
        Map<String, IndexedDocument> result = new LinkedHashMap<>();
        for (var o : objects) {
            IndexedDocument d = DocumentIndex.toDocument(o.properties());
            result.put(d.docId(), d);
        }
        return result;
    }
}
