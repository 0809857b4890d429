package dev.tailor.finetune.dataset;

/** One chunk of a group's corpus as read from the index. */
public record SnapshotChunk(String docId, int chunkIndex, String title, String text) {
}
