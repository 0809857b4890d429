package dev.tailor.finetune.corpus;

import java.util.List;

/** The latest indexed state of one document; a deleted one stays as a tombstone so older events stay ignored. */
public record IndexedDocument(String docId, long version, List<String> allowedRoles, String title,
                              String contentHash, int chunkCount, long tokenCount, boolean deleted) {
}
