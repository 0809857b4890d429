package dev.tailor.ingest.index;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.ingest.chunking.Chunk;
import dev.tailor.ingest.chunking.ChunkLimitException;
import dev.tailor.ingest.chunking.ContentHash;
import dev.tailor.ingest.chunking.StructuredChunker;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.runtime.tracing.Spans;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies changes to the index, incrementally, a wave of documents at a time: embeds only chunk texts a document
 * does not already have a vector for, rewrites only chunks that changed (all of them when title or roles changed),
 * deletes vanished ones, and writes the document objects last, so that a document's version says its change is
 * complete. Every step is idempotent: a wave interrupted half-way is simply applied again — and its documents are
 * then rewritten whole, each object deleted by id before it is written again ({@link DocumentIndex#purge}), because
 * Weaviate killed in the middle of a request may keep objects that its filters no longer find.
 *
 * <p>A document over a limit on the work it causes (chunks per document, bytes per chunk) is {@link Rejected}
 * before anything of it is embedded or written; the rest of its wave is applied. A failure of Weaviate is an
 * {@link IndexUnavailableException} (transient); Weaviate refusing objects is an {@link ObjectsRejectedException};
 * anything else thrown is a failure of the wave's documents that the caller retries and then isolates.
 */
@ApplicationScoped
public class DocumentIndexer {

    private static final Logger LOG = Logger.getLogger(DocumentIndexer.class);

    /** What became of a change. */
    public interface Result {
    }

    public record Applied(DocumentIndexed indexed) implements Result {
    }

    /**
     * Nothing to change. {@code again} is the docs.indexed record of the indexed state when the change is the one
     * already indexed (same version): a redelivery after a crash between the index write and the acknowledgement
     * of docs.indexed, whose record is then sent again rather than lost.
     */
    public record Ignored(String why, DocumentIndexed again) implements Result {
    }

    /** Over a limit on derived work: dead-letter the change with this reason and the limit's configuration key. */
    public record Rejected(String reason, String limit) implements Result {
    }

    private final DocumentIndex index;
    private final IndexEmbedding embedder;
    private final StructuredChunker chunker;
    private final IngestMetrics metrics;
    private final Tracer tracer;
    private final int maxWaveChunks;
    /** Documents of waves that failed: whatever of them reached Weaviate is suspect until a wave of them succeeds. */
    private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

    DocumentIndexer(DocumentIndex index, IndexEmbedding embedder, IngestMetrics metrics, IngestConfig config,
            Tracer tracer) {
        this.tracer = tracer;
        this.index = index;
        this.embedder = embedder;
        this.metrics = metrics;
        this.chunker = new StructuredChunker(config.chunking().maxTokens(), config.chunking().overlapTokens(),
                config.limits().chunksPerDocument(), config.limits().chunkBytes());
        this.maxWaveChunks = config.limits().waveChunks();
    }

    /**
     * Applies a wave of changes — at most one per document — with one read of their document objects, one of their
     * chunks, one embedding call spread over the model's threads, batched chunk writes, then the document objects.
     *
     * @return what became of each change, in the order given
     */
    public List<Result> apply(List<DocumentChange> wave) {
        Set<String> rewrite = new HashSet<>();
        for (DocumentChange change : wave) {
            if (interrupted.contains(change.docId())) {
                rewrite.add(change.docId());
            }
        }
        if (!rewrite.isEmpty()) {
            LOG.infof("rewriting %d document(s) whose last write failed, object by object: %s", rewrite.size(), rewrite);
        }
        List<Result> results;
        try {
            results = apply(wave, rewrite);
        } catch (RuntimeException e) {
            wave.forEach(change -> interrupted.add(change.docId()));
            throw e;
        }
        wave.forEach(change -> interrupted.remove(change.docId()));
        return results;
    }

    /** Applies a wave; the documents in {@code rewrite} are rewritten whole, whatever the index says of them. */
    private List<Result> apply(List<DocumentChange> wave, Set<String> rewrite) {
        long start = System.nanoTime();
        Map<String, IndexedDocument> current = index.documents(wave.stream().map(DocumentChange::docId).toList());
        Result[] results = new Result[wave.size()];
        List<Integer> upserts = new ArrayList<>();
        List<Integer> deletes = new ArrayList<>();
        for (int i = 0; i < wave.size(); i++) {
            DocumentChange change = wave.get(i);
            Optional<IndexedDocument> indexed = Optional.ofNullable(current.get(change.docId()));
            Optional<String> stale = staleness(change, indexed, rewrite.contains(change.docId()));
            if (stale.isPresent()) {
                results[i] = new Ignored(stale.get(), sameAsIndexed(change, indexed).orElse(null));
            } else if (change instanceof DocumentChange.Upsert) {
                upserts.add(i);
            } else {
                deletes.add(i);
            }
        }
        StageTimes times = new StageTimes();
        times.read += System.nanoTime() - start;

        // Upserts in groups whose chunks, new and indexed, fit the wave budget: the chunks of one group are all that
        // is held at once, however many small documents of many chunks a poll brings.
        List<Chunked> group = new ArrayList<>();
        int groupChunks = 0;
        for (int i : upserts) {
            long chunking = System.nanoTime();
            DocumentChange.Upsert change = (DocumentChange.Upsert) wave.get(i);
            DocumentUpserted data = change.data();
            List<Chunk> chunks;
            try {
                chunks = Spans.call(tracer.spanBuilder("chunk"), () -> chunker.chunk(titleOf(data), data.content()));
            } catch (ChunkLimitException e) {
                results[i] = new Rejected("document '" + data.docId() + "' v" + data.version() + ": " + e.getMessage(),
                        e.limit());
                continue;
            } finally {
                times.read += System.nanoTime() - chunking;
            }
            int size = chunks.size() + Optional.ofNullable(current.get(data.docId())).map(IndexedDocument::chunkCount).orElse(0);
            if (!group.isEmpty() && groupChunks + size > maxWaveChunks) {
                applyUpserts(group, current, rewrite, results, times);
                group = new ArrayList<>();
                groupChunks = 0;
            }
            group.add(new Chunked(i, change, chunks));
            groupChunks += size;
        }
        if (!group.isEmpty()) {
            applyUpserts(group, current, rewrite, results, times);
        }

        if (!deletes.isEmpty()) {
            long writing = System.nanoTime();
            for (int i : deletes) {
                String docId = wave.get(i).docId();
                if (rewrite.contains(docId)) {
                    index.purge(docId, Optional.ofNullable(current.get(docId)).map(IndexedDocument::chunkCount).orElse(0));
                }
            }
            index.deleteAllChunks(deletes.stream().map(i -> wave.get(i).docId()).toList());
            Instant indexedAt = Instant.now();
            List<DocumentIndex.DocumentWrite> documents = new ArrayList<>();
            for (int i : deletes) {
                DocumentChange.Delete change = (DocumentChange.Delete) wave.get(i);
                Deletion d = Deletion.of(change, Optional.ofNullable(current.get(change.docId())), indexedAt);
                documents.add(new DocumentIndex.DocumentWrite(d.tombstone(), List.of()));
                results[i] = new Applied(d.indexed());
            }
            index.writeDocuments(documents);
            times.write += System.nanoTime() - writing;
        }
        metrics.wave(wave.size(), times.read, times.embed, times.write);
        return List.of(results);
    }

    /** Nanoseconds spent per stage of a wave, over its groups. */
    private static final class StageTimes {
        long read;
        long embed;
        long write;
    }

    /** An upsert at {@code position} of its wave, and its chunks. */
    private record Chunked(int position, DocumentChange.Upsert change, List<Chunk> chunks) {
    }

    /**
     * Applies a group of upserts with one read of their chunks, one embedding call spread over the model's threads,
     * batched chunk writes, then their document objects.
     */
    private void applyUpserts(List<Chunked> group, Map<String, IndexedDocument> current, Set<String> rewrite,
            Result[] results, StageTimes times) {
        long start = System.nanoTime();
        Map<String, List<IndexedChunk>> indexed = index.chunks(group.stream().map(c -> c.change().docId()).toList());
        List<PlannedUpsert> planned = new ArrayList<>(group.size());
        for (Chunked c : group) {
            String docId = c.change().docId();
            planned.add(plan(c, Optional.ofNullable(current.get(docId)), indexed.getOrDefault(docId, List.of()),
                    rewrite.contains(docId)));
        }
        long read = System.nanoTime();
        embed(planned);
        long embedded = System.nanoTime();
        for (PlannedUpsert u : planned) {
            if (rewrite.contains(u.docId())) {
                index.purge(u.docId(), purgeBound(u, current.get(u.docId()), indexed.getOrDefault(u.docId(), List.of())));
            }
        }
        index.writeChunks(planned.stream().filter(u -> !u.plan().toWrite().isEmpty())
                .map(u -> new DocumentIndex.ChunkWrites(u.docId(), u.change().data().version(), u.title(), u.roles(),
                        u.plan().toWrite(), u.vectors())).toList());
        for (PlannedUpsert u : planned) {
            if (u.plan().staleFrom() >= 0) {
                index.deleteChunks(u.docId(), u.plan().staleFrom());
            }
        }
        Instant indexedAt = Instant.now();
        List<DocumentIndex.DocumentWrite> documents = new ArrayList<>(planned.size());
        for (int k = 0; k < planned.size(); k++) {
            PlannedUpsert u = planned.get(k);
            documents.add(u.documentWrite(indexedAt));
            results[group.get(k).position()] = new Applied(u.indexed(indexedAt));
        }
        index.writeDocuments(documents);
        times.read += read - start;
        times.embed += embedded - read;
        times.write += System.nanoTime() - embedded;
    }

    private static String titleOf(DocumentUpserted data) {
        return data.title() == null ? "" : data.title();
    }

    /**
     * Why {@code change} must be ignored given the indexed document, if it must. A change being rewritten is applied
     * again at the indexed version too: that version may be the interrupted write itself.
     */
    private static Optional<String> staleness(DocumentChange change, Optional<IndexedDocument> current, boolean rewrite) {
        if (change instanceof DocumentChange.Upsert upsert) {
            return notNewer(upsert.data().version(), current, rewrite);
        }
        DocumentChange.Delete delete = (DocumentChange.Delete) change;
        if (delete.version() == null) {
            // a tombstone deletes whatever is indexed
            return current.isEmpty() ? Optional.of("unknown document")
                    : current.get().deleted() && !rewrite ? Optional.of("already deleted") : Optional.empty();
        }
        return notNewer(delete.version(), current, rewrite);
    }

    private static Optional<String> notNewer(long version, Optional<IndexedDocument> current, boolean rewrite) {
        return current.filter(c -> version < c.version() || version == c.version() && !rewrite)
                .map(c -> "version " + version + " is not newer than indexed version " + c.version());
    }

    /** Chunk indexes below which objects of the document may exist: its new chunks, and all it had that are known. */
    private static int purgeBound(PlannedUpsert u, IndexedDocument current, List<IndexedChunk> indexed) {
        int bound = u.chunks().size();
        if (current != null) {
            bound = Math.max(bound, current.chunkCount());
        }
        for (IndexedChunk c : indexed) {
            bound = Math.max(bound, c.index() + 1);
        }
        return bound;
    }

    /** The docs.indexed record of the indexed state, when {@code change} is exactly what is indexed. */
    private static Optional<DocumentIndexed> sameAsIndexed(DocumentChange change, Optional<IndexedDocument> indexed) {
        return indexed.filter(d -> {
            if (change instanceof DocumentChange.Upsert upsert) {
                return !d.deleted() && upsert.data().version() == d.version()
                        && ContentHash.of(upsert.data().content()).equals(d.contentHash());
            }
            Long version = ((DocumentChange.Delete) change).version();
            return d.deleted() && (version == null || version == d.version());
        }).map(d -> new DocumentIndexed(d.docId(), d.version(),
                d.deleted() ? DocumentIndexed.Op.DELETED : DocumentIndexed.Op.UPSERTED, d.allowedRoles(), d.title(),
                d.contentHash(), d.chunkCount(), d.tokenCount(), 0, d.chunkCount(), change.eventTime(),
                d.updatedAt() == null ? Instant.now() : Instant.parse(d.updatedAt())));
    }

    private static PlannedUpsert plan(Chunked chunked, Optional<IndexedDocument> current, List<IndexedChunk> indexed,
            boolean rewrite) {
        DocumentUpserted data = chunked.change().data();
        String title = titleOf(data);
        List<String> roles = List.copyOf(data.allowedRoles());
        List<Chunk> chunks = chunked.chunks();
        // a document rewritten is written whole: its purge deleted every chunk object, known vectors are still reused
        boolean propertiesChanged = rewrite || current
                .map(c -> c.deleted() || !Objects.equals(c.title(), title) || !Objects.equals(c.allowedRoles(), roles))
                .orElse(true);
        ChunkPlan plan = ChunkPlan.of(chunks, indexed, propertiesChanged);
        return new PlannedUpsert(chunked.change(), title, roles, chunks, ContentHash.of(data.content()),
                chunks.stream().mapToLong(Chunk::tokenCount).sum(), plan, new HashMap<>(plan.knownVectors()));
    }

    /** Embeds the new texts of every planned upsert in one call, so the model's threads stay busy across documents. */
    private void embed(List<PlannedUpsert> planned) {
        List<String> texts = new ArrayList<>();
        for (PlannedUpsert u : planned) {
            u.plan().toEmbed().forEach(c -> texts.add(c.text()));
        }
        List<float[]> vectors = Spans.call(tracer.spanBuilder("embed"), () -> embedder.embedAll(texts));
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
