package dev.tailor.finetune.corpus;

import dev.tailor.contracts.DocumentIndexed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The indexed corpus as replayed from docs.indexed: the latest state per document and the history of changes.
 * Replaying twice, or receiving events out of order, gives the same state: a version not newer than the known one
 * is ignored.
 */
public final class CorpusState {

    static final java.time.Duration HISTORY = java.time.Duration.ofDays(31);
    static final int PRUNE_EVERY = 10_000;

    private final Map<String, IndexedDocument> documents = new HashMap<>();
    private final List<CorpusChange> changes = new ArrayList<>();

    /** @return whether the event changed the state */
    public synchronized boolean apply(DocumentIndexed event) {
        if (event == null || event.docId() == null || event.op() == null) {
            throw new IllegalArgumentException("a DocumentIndexed needs docId and op");
        }
        IndexedDocument known = documents.get(event.docId());
        if (known != null && event.version() <= known.version()) {
            return false;
        }
        boolean deleted = event.op() == DocumentIndexed.Op.DELETED;
        List<String> roles = deleted || event.allowedRoles() == null ? List.of() : List.copyOf(event.allowedRoles());
        IndexedDocument now = new IndexedDocument(event.docId(), event.version(), roles, event.title(),
                deleted ? null : event.contentHash(), deleted ? 0 : event.chunkCount(),
                deleted ? 0 : event.tokenCount(), deleted);
        documents.put(event.docId(), now);
        changes.add(new CorpusChange(event.docId(), event.version(), timeOf(event),
                known == null ? List.of() : known.allowedRoles(), roles));
        if (changes.size() % PRUNE_EVERY == 0) {
            // the windows look back 30 days; a long-running service must not keep every change forever
            Instant horizon = timeOf(event).minus(HISTORY);
            changes.removeIf(c -> c.time().isBefore(horizon));
        }
        return true;
    }

    /** Documents currently in the index (tombstones excluded). */
    public synchronized List<IndexedDocument> liveDocuments() {
        return documents.values().stream().filter(d -> !d.deleted()).toList();
    }

    public synchronized List<CorpusChange> changes() {
        return List.copyOf(changes);
    }

    /** The producer's time of the change; the index time when the producer gave none. */
    static Instant timeOf(DocumentIndexed event) {
        if (event.eventTime() != null) {
            return event.eventTime();
        }
        return event.indexedTime() != null ? event.indexedTime() : Instant.EPOCH;
    }
}
