package dev.tailor.ingest.index;

import dev.tailor.ingest.chunking.Chunk;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The index in memory, for the consumer's tests without Weaviate. Enabled by their test profile only (no
 * {@code @Priority}, which would enable it in every test application of the module). It refuses
 * the objects of chosen documents as Weaviate refuses objects, can be unavailable for a number of calls, and can die in
 * the middle of a chunk write the way Weaviate does when killed: some objects kept without their filter entries
 * (orphans), which an identical rewrite leaves as they are and only a delete by id removes.
 */
@Alternative
@ApplicationScoped
public class FakeDocumentIndex extends DocumentIndex {

    private final Map<String, IndexedDocument> documents = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, IndexedChunk>> chunks = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unavailableCalls = new AtomicInteger();
    private final Map<String, Map<Integer, String>> orphans = new ConcurrentHashMap<>();
    private final AtomicBoolean interruptNextChunkWrite = new AtomicBoolean();

    FakeDocumentIndex() {
        super(null, null, Integer.MAX_VALUE);
    }

    /** Every write of this document's chunk objects is refused from now on. */
    public void refuseObjectsOf(String docId) {
        refused.add(docId);
    }

    /** The next {@code calls} reads fail as if Weaviate were down. */
    public void unavailableFor(int calls) {
        unavailableCalls.set(calls);
    }

    /** The next chunk write keeps the first chunk of each document as an orphan, then fails as if Weaviate died. */
    public void interruptNextChunkWrite() {
        interruptNextChunkWrite.set(true);
    }

    /** Chunk objects of the document that exist by id but that no read by docId finds. */
    public Set<Integer> orphans(String docId) {
        return Set.copyOf(orphans.getOrDefault(docId, Map.of()).keySet());
    }

    public int chunkCount(String docId) {
        return chunks.getOrDefault(docId, Map.of()).size();
    }

    private void maybeUnavailable() {
        if (unavailableCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IndexUnavailableException("Weaviate is down (test double)");
        }
    }

    @Override
    public Optional<IndexedDocument> document(String docId) {
        return Optional.ofNullable(documents.get(docId));
    }

    @Override
    public Map<String, IndexedDocument> documents(Collection<String> docIds) {
        maybeUnavailable();
        Map<String, IndexedDocument> found = new HashMap<>();
        docIds.forEach(id -> Optional.ofNullable(documents.get(id)).ifPresent(d -> found.put(id, d)));
        return found;
    }

    @Override
    public Map<String, List<IndexedChunk>> chunks(Collection<String> docIds) {
        Map<String, List<IndexedChunk>> found = new HashMap<>();
        docIds.forEach(id -> found.put(id, new ArrayList<>(chunks.getOrDefault(id, Map.of()).values())));
        return found;
    }

    @Override
    public void writeChunks(List<ChunkWrites> writes) {
        if (interruptNextChunkWrite.getAndSet(false)) {
            writes.forEach(w -> orphans.computeIfAbsent(w.docId(), k -> new ConcurrentHashMap<>())
                    .put(w.chunks().get(0).index(), w.chunks().get(0).hash()));
            throw new IndexUnavailableException("Weaviate died in the middle of a batch (test double)");
        }
        Map<String, String> errors = new HashMap<>();
        for (ChunkWrites w : writes) {
            if (refused.contains(w.docId())) {
                errors.put(w.docId(), "property 'text': refused by the test double");
                continue;
            }
            for (Chunk c : w.chunks()) {
                if (c.hash().equals(orphans.getOrDefault(w.docId(), Map.of()).get(c.index()))) {
                    continue; // the same object again: Weaviate updates only entries that changed, none did
                }
                orphans.getOrDefault(w.docId(), new HashMap<>()).remove(c.index());
                chunks.computeIfAbsent(w.docId(), k -> new ConcurrentHashMap<>())
                        .put(c.index(), new IndexedChunk(c.index(), c.hash(), w.vectors().get(c.hash())));
            }
        }
        if (!errors.isEmpty()) {
            throw new ObjectsRejectedException("Weaviate rejected objects of " + errors.keySet(), errors, null);
        }
    }

    @Override
    public void deleteAllChunks(Collection<String> docIds) {
        docIds.forEach(chunks::remove);
    }

    @Override
    public void deleteChunks(String docId, int fromIndex) {
        chunks.getOrDefault(docId, new HashMap<>()).keySet().removeIf(i -> i >= fromIndex);
    }

    @Override
    public void purge(String docId, int chunkCount) {
        documents.remove(docId);
        orphans.getOrDefault(docId, new HashMap<>()).keySet().removeIf(i -> i < chunkCount);
        chunks.getOrDefault(docId, new HashMap<>()).keySet().removeIf(i -> i < chunkCount);
    }

    @Override
    public void writeDocuments(List<DocumentWrite> writes) {
        writes.forEach(w -> documents.put(w.document().docId(), w.document()));
    }
}
