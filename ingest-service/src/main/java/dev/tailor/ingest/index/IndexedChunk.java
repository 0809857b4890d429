package dev.tailor.ingest.index;

/** A chunk as it is in the index now: where it is, what text it holds (by hash) and its vector. */
public record IndexedChunk(int index, String hash, float[] vector) {
}
