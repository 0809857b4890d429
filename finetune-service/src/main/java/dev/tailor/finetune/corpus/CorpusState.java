package dev.tailor.finetune.corpus;

import dev.tailor.contracts.DocumentIndexed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indexed corpus: the latest state per document and the history of changes. The state comes from two sources that
 * agree by version — the index itself (TailorDocument: every document, however old) and docs.indexed (each change as
 * it happens, kept 35 days) — so a document unchanged for longer than the topic keeps its events is still known. The
 * history comes from docs.indexed only, one entry per document version. Applying anything twice, or out of order,
 * gives the same state: a version not newer than the known one changes nothing.
 */
public final class CorpusState {

    static final java.time.Duration HISTORY = java.time.Duration.ofDays(31);
    static final int PRUNE_EVERY = 10_000;

    private final Map<String, IndexedDocument> documents = new HashMap<>();
    private final List<CorpusChange> changes = new ArrayList<>();
    private final Set<String> recorded = new HashSet<>();

    /** A document as the index holds it. @return whether it changed the state */
    public synchronized boolean applyIndexed(IndexedDocument document) {
        IndexedDocument known = documents.get(document.docId());
        if (known != null && document.version() <= known.version()) {
            return false;
        }
        documents.put(document.docId(), document);
        return true;
    }

    /** A change from docs.indexed. @return whether it changed the state or the history */
    public synchronized boolean apply(DocumentIndexed event) {
        if (event == null || event.docId() == null || event.op() == null) {
            throw new IllegalArgumentException("a DocumentIndexed needs docId and op");
        }
        boolean deleted = event.op() == DocumentIndexed.Op.DELETED;
        List<String> roles = deleted || event.allowedRoles() == null ? List.of() : List.copyOf(event.allowedRoles());
        IndexedDocument known = documents.get(event.docId());
        boolean newHistory = recorded.add(event.docId() + "@" + event.version());
        if (newHistory) {
            changes.add(new CorpusChange(event.docId(), event.version(), timeOf(event), rolesBefore(event, known), roles));
            if (changes.size() % PRUNE_EVERY == 0) {
                // the windows look back 30 days; a long-running service must not keep every change forever
                Instant horizon = timeOf(event).minus(HISTORY);
                changes.removeIf(c -> {
                    boolean old = c.time().isBefore(horizon);
                    if (old) {
                        recorded.remove(c.docId() + "@" + c.version());
                    }
                    return old;
                });
            }
        }
        boolean newState = applyIndexed(new IndexedDocument(event.docId(), event.version(), roles, event.title(),
                deleted ? null : event.contentHash(), deleted ? 0 : event.chunkCount(),
                deleted ? 0 : event.tokenCount(), deleted, timeOf(event)));
        return newHistory || newState;
    }

    /** The document's roles before this version: from the latest earlier change we know of, else the older state. */
    private List<String> rolesBefore(DocumentIndexed event, IndexedDocument known) {
        CorpusChange previous = null;
        for (CorpusChange c : changes) {
            if (c.docId().equals(event.docId()) && c.version() < event.version()
                    && (previous == null || c.version() > previous.version())) {
                previous = c;
            }
        }
        if (previous != null) {
            return previous.rolesAfter();
        }
        return known != null && known.version() < event.version() ? known.allowedRoles() : List.of();
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
