package dev.tailor.finetune.dataset;

/** One chunk of a group's corpus as read from the index. */
public record SnapshotChunk(String docId, int chunkIndex, String title, String text) {

    /** {@code docId#chunkIndex}: the chunk's name in datasets and manifests. */
    public String key() {
        return docId + "#" + chunkIndex;
    }
}
