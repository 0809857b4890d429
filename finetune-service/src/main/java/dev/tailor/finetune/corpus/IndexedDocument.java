package dev.tailor.finetune.corpus;

import java.time.Instant;
import java.util.List;

/**
 * The latest indexed state of one document; a deleted one stays as a tombstone so older events stay ignored.
 *
 * @param updatedAt when the index last changed the document (its last change, when no docs.indexed event of it is
 *                  still retained)
 */
public record IndexedDocument(String docId, long version, List<String> allowedRoles, String title,
                              String contentHash, int chunkCount, long tokenCount, boolean deleted, Instant updatedAt) {
}
