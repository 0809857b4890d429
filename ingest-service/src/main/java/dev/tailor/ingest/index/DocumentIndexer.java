package dev.tailor.ingest.index;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.ingest.chunking.Chunk;
import dev.tailor.ingest.chunking.ContentHash;
import dev.tailor.ingest.chunking.StructuredChunker;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.runtime.embedding.IndexEmbedding;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies changes to the index, incrementally, a wave of documents at a time: embeds only chunk texts a document
 * does not already have a vector for, rewrites only chunks that changed (all of them when title or roles changed),
 * deletes vanished ones, and writes the document objects last, so that a document's version says its change is
 * complete. Every step is idempotent: a wave interrupted half-way is simply applied again.
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
    private final IndexEmbedding embedder;
    private final StructuredChunker chunker;
    private final IngestMetrics metrics;

    DocumentIndexer(DocumentIndex index, IndexEmbedding embedder, IngestMetrics metrics, IngestConfig config) {
        this.index = index;
        this.embedder = embedder;
        this.metrics = metrics;
        this.chunker = new StructuredChunker(config.chunking().maxTokens(), config.chunking().overlapTokens());
    }

    /**
     * Applies a wave of changes — at most one per document — with one read of their document objects, one of their
     * chunks, one embedding call spread over the model's threads, batched chunk writes, then the document objects.
     *
     * @return what became of each change, in the order given
     */
    public List<Result> apply(List<DocumentChange> wave) {
        long start = System.nanoTime();
        Map<String, IndexedDocument> current = index.documents(wave.stream().map(DocumentChange::docId).toList());
        Result[] results = new Result[wave.size()];
        List<Integer> upserts = new ArrayList<>();
        List<Integer> deletes = new ArrayList<>();
        for (int i = 0; i < wave.size(); i++) {
            DocumentChange change = wave.get(i);
            Optional<String> stale = staleness(change, Optional.ofNullable(current.get(change.docId())));
            if (stale.isPresent()) {
                results[i] = new Ignored(stale.get());
            } else if (change instanceof DocumentChange.Upsert) {
                upserts.add(i);
            } else {
                deletes.add(i);
            }
        }

        List<PlannedUpsert> planned = plan(upserts.stream().map(i -> (DocumentChange.Upsert) wave.get(i)).toList(), current);
        long read = System.nanoTime();
        embed(planned);
        long embedded = System.nanoTime();
        index.writeChunks(planned.stream().filter(u -> !u.plan().toWrite().isEmpty())
                .map(u -> new DocumentIndex.ChunkWrites(u.docId(), u.change().data().version(), u.title(), u.roles(),
                        u.plan().toWrite(), u.vectors())).toList());
        for (PlannedUpsert u : planned) {
            if (u.plan().staleFrom() >= 0) {
                index.deleteChunks(u.docId(), u.plan().staleFrom());
            }
        }
        index.deleteAllChunks(deletes.stream().map(i -> wave.get(i).docId()).toList());

        Instant indexedAt = Instant.now();
        List<DocumentIndex.DocumentWrite> documents = new ArrayList<>();
        for (int k = 0; k < planned.size(); k++) {
            PlannedUpsert u = planned.get(k);
            documents.add(u.documentWrite(indexedAt));
            results[upserts.get(k)] = new Applied(u.indexed(indexedAt));
        }
        for (int i : deletes) {
            DocumentChange.Delete change = (DocumentChange.Delete) wave.get(i);
            Deletion d = Deletion.of(change, Optional.ofNullable(current.get(change.docId())), indexedAt);
            documents.add(new DocumentIndex.DocumentWrite(d.tombstone(), List.of()));
            results[i] = new Applied(d.indexed());
        }
        index.writeDocuments(documents);
        metrics.wave(wave.size(), read - start, embedded - read, System.nanoTime() - embedded);
        return List.of(results);
    }

    /** Why {@code change} must be ignored given the indexed document, if it must. */
    private static Optional<String> staleness(DocumentChange change, Optional<IndexedDocument> current) {
        if (change instanceof DocumentChange.Upsert upsert) {
            long version = upsert.data().version();
            return current.filter(c -> version <= c.version())
                    .map(c -> "version " + version + " is not newer than indexed version " + c.version());
        }
        DocumentChange.Delete delete = (DocumentChange.Delete) change;
        if (delete.version() == null) {
            // a tombstone deletes whatever is indexed
            return current.isEmpty() ? Optional.of("unknown document")
                    : current.get().deleted() ? Optional.of("already deleted") : Optional.empty();
        }
        return current.filter(c -> delete.version() <= c.version())
                .map(c -> "version " + delete.version() + " is not newer than indexed version " + c.version());
    }

    private List<PlannedUpsert> plan(List<DocumentChange.Upsert> upserts, Map<String, IndexedDocument> current) {
        Map<String, List<IndexedChunk>> indexed = index.chunks(upserts.stream().map(DocumentChange::docId).toList());
        List<PlannedUpsert> planned = new ArrayList<>(upserts.size());
        for (DocumentChange.Upsert change : upserts) {
            DocumentUpserted data = change.data();
            String title = data.title() == null ? "" : data.title();
            List<String> roles = List.copyOf(data.allowedRoles());
            List<Chunk> chunks = chunker.chunk(title, data.content());
            boolean propertiesChanged = Optional.ofNullable(current.get(data.docId()))
                    .map(c -> c.deleted() || !Objects.equals(c.title(), title) || !Objects.equals(c.allowedRoles(), roles))
                    .orElse(true);
            ChunkPlan plan = ChunkPlan.of(chunks, indexed.getOrDefault(data.docId(), List.of()), propertiesChanged);
            planned.add(new PlannedUpsert(change, title, roles, chunks, ContentHash.of(data.content()),
                    chunks.stream().mapToLong(Chunk::tokenCount).sum(), plan, new HashMap<>(plan.knownVectors())));
        }
        return planned;
    }

    /** Embeds the new texts of every planned upsert in one call, so the model's threads stay busy across documents. */
    private void embed(List<PlannedUpsert> planned) {
        List<String> texts = new ArrayList<>();
        for (PlannedUpsert u : planned) {
            u.plan().toEmbed().forEach(c -> texts.add(c.text()));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        int next = 0;
        for (PlannedUpsert u : planned) {
            for (Chunk c : u.plan().toEmbed()) {
                u.vectors().put(c.hash(), vectors.get(next++));
            }
        }
    }

    /** An upsert to apply: its chunks, what to do with them, and the vectors of their texts (filled by embed). */
    private record PlannedUpsert(DocumentChange.Upsert change, String title, List<String> roles, List<Chunk> chunks,
            String contentHash, long tokens, ChunkPlan plan, Map<String, float[]> vectors) {

        String docId() {
            return change.docId();
        }

        DocumentIndex.DocumentWrite documentWrite(Instant indexedAt) {
            DocumentUpserted data = change.data();
            return new DocumentIndex.DocumentWrite(new IndexedDocument(docId(), data.version(), title, roles,
                    contentHash, chunks.size(), tokens, false, data.source(), data.uri(), indexedAt.toString()),
                    chunks.stream().map(Chunk::hash).toList());
        }

        DocumentIndexed indexed(Instant indexedAt) {
            return new DocumentIndexed(docId(), change.data().version(), DocumentIndexed.Op.UPSERTED, roles, title,
                    contentHash, chunks.size(), tokens, plan.embedded(), plan.reused(), change.eventTime(), indexedAt);
        }
    }

    /** What a delete leaves: a tombstone document object (no chunks) and its docs.indexed record. */
    private record Deletion(IndexedDocument tombstone, DocumentIndexed indexed) {

        static Deletion of(DocumentChange.Delete change, Optional<IndexedDocument> current, Instant indexedAt) {
            // A tombstone has no version: keep the indexed one, so that older upserts replayed later stay ignored.
            long version = change.version() == null ? current.orElseThrow().version() : change.version();
            List<String> roles = current.map(IndexedDocument::allowedRoles).orElse(List.of());
            String title = current.map(IndexedDocument::title).orElse("");
            IndexedDocument tombstone = new IndexedDocument(change.docId(), version, title, roles, null, 0, 0, true,
                    current.map(IndexedDocument::source).orElse(null), current.map(IndexedDocument::uri).orElse(null),
                    indexedAt.toString());
            return new Deletion(tombstone, new DocumentIndexed(change.docId(), version, DocumentIndexed.Op.DELETED,
                    roles, title, null, 0, 0, 0, 0, change.eventTime(), indexedAt));
        }
    }
}
