package dev.tailor.ingest.index;

import dev.tailor.ingest.chunking.Chunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an upsert must do to the chunks of one document, given what the index holds now.
 *
 * @param chunks       the document's new chunks
 * @param toEmbed      distinct texts (one chunk per hash) with no vector yet for this document
 * @param toWrite      chunks whose object must be (re)written: new text at their position, or new properties
 * @param knownVectors vectors already in the index for this document, by chunk hash
 * @param staleFrom    chunk objects at this index and beyond must be deleted (-1: none)
 * @param embedded     chunks whose text gets embedded by this change
 */
public record ChunkPlan(
        List<Chunk> chunks,
        List<Chunk> toEmbed,
        List<Chunk> toWrite,
        Map<String, float[]> knownVectors,
        int staleFrom,
        int embedded) {

    /** Chunks whose vector is reused from the index. */
    public int reused() {
        return chunks.size() - embedded;
    }

    /**
     * @param propertiesChanged title or roles differ from the indexed ones: every chunk carries them (search filters
     *                          on the chunk's roles), so every chunk is rewritten, with its known vector
     */
    public static ChunkPlan of(List<Chunk> chunks, List<IndexedChunk> indexed, boolean propertiesChanged) {
        Map<String, float[]> vectors = new HashMap<>();
        Map<Integer, String> hashAt = new HashMap<>();
        int indexedCount = 0;
        for (IndexedChunk c : indexed) {
            if (c.vector() != null) {
                vectors.put(c.hash(), c.vector());
            }
            hashAt.put(c.index(), c.hash());
            indexedCount = Math.max(indexedCount, c.index() + 1);
        }
        Map<String, Chunk> toEmbed = new LinkedHashMap<>();
        List<Chunk> toWrite = new ArrayList<>();
        int embedded = 0;
        for (Chunk c : chunks) {
            boolean known = vectors.containsKey(c.hash());
            if (!known) {
                toEmbed.putIfAbsent(c.hash(), c);
                embedded++;
            }
            if (propertiesChanged || !known || !c.hash().equals(hashAt.get(c.index()))) {
                toWrite.add(c);
            }
        }
        int staleFrom = indexedCount > chunks.size() ? chunks.size() : -1;
        return new ChunkPlan(chunks, List.copyOf(toEmbed.values()), toWrite, vectors, staleFrom, embedded);
    }
}
