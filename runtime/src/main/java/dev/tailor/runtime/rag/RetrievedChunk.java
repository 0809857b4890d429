package dev.tailor.runtime.rag;

import java.util.List;

/** One chunk a user may read, as returned by the role-filtered search. */
public record RetrievedChunk(String docId, int chunkIndex, String title, String text, double score, int tokenCount,
                             List<String> allowedRoles) {
}
