package dev.tailor.ingest.rest;

import dev.tailor.ingest.index.IndexedDocument;

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

    static DocumentStatus of(IndexedDocument d) {
        return new DocumentStatus(d.docId(), d.version(), d.deleted(), d.title(), d.allowedRoles(), d.chunkCount(),
                d.tokenCount(), d.contentHash(), d.updatedAt());
    }
}
