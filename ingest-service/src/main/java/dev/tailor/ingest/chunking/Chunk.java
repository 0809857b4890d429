package dev.tailor.ingest.chunking;

/**
 * One piece of a document as it is embedded and indexed.
 *
 * @param index      position in the document, from 0
 * @param text       the heading path of its section and its paragraph text (what gets embedded)
 * @param hash       SHA-256 of {@code text}; equal hashes share one vector
 * @param tokenCount estimated tokens of {@code text}
 */
public record Chunk(int index, String text, String hash, int tokenCount) {
}
