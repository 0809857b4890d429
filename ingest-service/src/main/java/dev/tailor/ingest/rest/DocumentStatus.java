package dev.tailor.ingest.rest;

import java.util.List;

/** What the index holds for a document. */
public record DocumentStatus(
        String docId,
        long version,
        boolean deleted,
        String title,
        List<String> allowedRoles,
        int chunkCount,
        long tokenCount,
        String contentHash,
        String updatedAt) {
}
