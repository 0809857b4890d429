package dev.tailor.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Published on {@link Topics#DOCS_INDEXED} after a change reached the index.
 *
 * @param op             what happened to the document
 * @param contentHash    hash of the indexed text (null after a delete); groups fingerprint their corpus with it
 * @param chunkCount     chunks the document has now (0 after a delete)
 * @param tokenCount     tokens of the document's chunks now
 * @param chunksEmbedded chunks whose text was embedded by this change
 * @param chunksReused   chunks whose vector was reused
 * @param eventTime      when the producer says the change happened (CloudEvents {@code time}, else the record time)
 * @param indexedTime    when the change became searchable
 */
public record DocumentIndexed(
        String docId,
        long version,
        Op op,
        List<String> allowedRoles,
        String title,
        String contentHash,
        int chunkCount,
        long tokenCount,
        int chunksEmbedded,
        int chunksReused,
        Instant eventTime,
        Instant indexedTime) {

    public enum Op {
        UPSERTED, DELETED
    }
}
