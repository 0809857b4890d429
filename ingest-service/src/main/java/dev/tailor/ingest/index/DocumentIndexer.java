package dev.tailor.ingest.index;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.ingest.chunking.Chunk;
import dev.tailor.ingest.chunking.ContentHash;
import dev.tailor.ingest.chunking.StructuredChunker;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.embedding.ChunkEmbedder;
import dev.tailor.ingest.events.DocumentChange;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies one change to the index, incrementally: embeds only chunk texts the document does not already have a
 * vector for, rewrites only chunks that changed (all of them when title or roles changed), deletes vanished ones,
 * and writes the document object last, so that its version says the change is complete. Every step is
 * idempotent: a change interrupted half-way is simply applied again.
 */
@ApplicationScoped
public class DocumentIndexer {

    /** What became of a change. */
    public interface Result {
    }

    public record Applied(DocumentIndexed indexed) implements Result {
    }

    public record Ignored(String why) implements Result {
    }

    private final DocumentIndex index;
    private final ChunkEmbedder embedder;
    private final StructuredChunker chunker;

    DocumentIndexer(DocumentIndex index, ChunkEmbedder embedder, IngestConfig config) {
        this.index = index;
        this.embedder = embedder;
        this.chunker = new StructuredChunker(config.chunking().maxTokens(), config.chunking().overlapTokens());
    }

    public Result apply(DocumentChange change) {
        if (change instanceof DocumentChange.Upsert upsert) {
            return upsert(upsert);
        }
        return delete((DocumentChange.Delete) change);
    }

    private Result upsert(DocumentChange.Upsert change) {
        DocumentUpserted data = change.data();
        Optional<IndexedDocument> current = index.document(data.docId());
        if (current.isPresent() && data.version() <= current.get().version()) {
            return new Ignored("version " + data.version() + " is not newer than indexed version " + current.get().version());
        }
        String title = data.title() == null ? "" : data.title();
        List<String> roles = List.copyOf(data.allowedRoles());
        List<Chunk> chunks = chunker.chunk(title, data.content());
        boolean propertiesChanged = current.map(c -> c.deleted() || !Objects.equals(c.title(), title)
                || !Objects.equals(c.allowedRoles(), roles)).orElse(true);
        ChunkPlan plan = ChunkPlan.of(chunks, index.chunks(data.docId()), propertiesChanged);

        Map<String, float[]> vectors = new HashMap<>(plan.knownVectors());
        List<float[]> embedded = embedder.embedAll(plan.toEmbed().stream().map(Chunk::text).toList());
        for (int i = 0; i < embedded.size(); i++) {
            vectors.put(plan.toEmbed().get(i).hash(), embedded.get(i));
        }
        index.writeChunks(data.docId(), data.version(), title, roles, plan.toWrite(), vectors);
        if (plan.staleFrom() >= 0) {
            index.deleteChunks(data.docId(), plan.staleFrom());
        }
        long tokens = chunks.stream().mapToLong(Chunk::tokenCount).sum();
        String contentHash = ContentHash.of(data.content());
        Instant indexedAt = Instant.now();
        index.writeDocument(new IndexedDocument(data.docId(), data.version(), title, roles, contentHash,
                chunks.size(), tokens, false, data.source(), data.uri(), indexedAt.toString()),
                chunks.stream().map(Chunk::hash).toList());
        return new Applied(new DocumentIndexed(data.docId(), data.version(), DocumentIndexed.Op.UPSERTED, roles,
                title, contentHash, chunks.size(), tokens, plan.embedded(), plan.reused(), change.eventTime(),
                indexedAt));
    }

    private Result delete(DocumentChange.Delete change) {
        Optional<IndexedDocument> current = index.document(change.docId());
        boolean tombstone = change.version() == null;
        if (current.isPresent() && !tombstone && change.version() <= current.get().version()) {
            return new Ignored("version " + change.version() + " is not newer than indexed version " + current.get().version());
        }
        if (tombstone && current.map(IndexedDocument::deleted).orElse(true)) {
            return new Ignored(current.isPresent() ? "already deleted" : "unknown document");
        }
        // A tombstone has no version: keep the indexed one, so that older upserts replayed later stay ignored.
        long version = tombstone ? current.get().version() : change.version();
        index.deleteChunks(change.docId(), 0);
        List<String> roles = current.map(IndexedDocument::allowedRoles).orElse(List.of());
        String title = current.map(IndexedDocument::title).orElse("");
        Instant indexedAt = Instant.now();
        index.writeDocument(new IndexedDocument(change.docId(), version, title, roles, null, 0, 0, true,
                current.map(IndexedDocument::source).orElse(null), current.map(IndexedDocument::uri).orElse(null),
                indexedAt.toString()), List.of());
        return new Applied(new DocumentIndexed(change.docId(), version, DocumentIndexed.Op.DELETED, roles, title,
                null, 0, 0, 0, 0, change.eventTime(), indexedAt));
    }
}
