package dev.tailor.ingest.index;

import java.util.List;

/**
 * The {@code TailorDocument} object of a document: the version the index reflects, and whether it was deleted
 * (deleted documents keep this object as a tombstone so that an older upsert arriving late stays ignored).
 */
public record IndexedDocument(
        String docId,
        long version,
        String title,
        List<String> allowedRoles,
        String contentHash,
        int chunkCount,
        long tokenCount,
        boolean deleted,
        String source,
        String uri,
        String updatedAt) {
}
