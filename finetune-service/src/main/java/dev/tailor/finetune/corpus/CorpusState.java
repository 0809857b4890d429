package dev.tailor.finetune.corpus;

import dev.tailor.contracts.DocumentIndexed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

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
    /**
     * The same changes by document and version: the roles before a change are the previous version's, found here in
     * O(log n); a scan of the whole history per event made following docs.indexed quadratic in the month's changes.
     */
    private final Map<String, NavigableMap<Long, CorpusChange>> changesByDocument = new HashMap<>();

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
        NavigableMap<Long, CorpusChange> versions = changesByDocument.computeIfAbsent(event.docId(), d -> new TreeMap<>());
        boolean newHistory = !versions.containsKey(event.version());
        if (newHistory) {
            CorpusChange change = new CorpusChange(event.docId(), event.version(), timeOf(event),
                    rolesBefore(event, versions, known), roles);
            versions.put(event.version(), change);
            changes.add(change);
            if (changes.size() % PRUNE_EVERY == 0) {
                // the windows look back 30 days; a long-running service must not keep every change forever
                prune(timeOf(event).minus(HISTORY));
            }
        }
        boolean newState = applyIndexed(new IndexedDocument(event.docId(), event.version(), roles, event.title(),
                deleted ? null : event.contentHash(), deleted ? 0 : event.chunkCount(),
                deleted ? 0 : event.tokenCount(), deleted, timeOf(event)));
        return newHistory || newState;
    }

    /** The document's roles before this version: from the latest earlier change we know of, else the older state. */
    private static List<String> rolesBefore(DocumentIndexed event, NavigableMap<Long, CorpusChange> versions,
                                            IndexedDocument known) {
        Map.Entry<Long, CorpusChange> previous = versions.lowerEntry(event.version());
        if (previous != null) {
            return previous.getValue().rolesAfter();
        }
        return known != null && known.version() < event.version() ? known.allowedRoles() : List.of();
    }

    private void prune(Instant horizon) {
        changes.removeIf(c -> {
            boolean old = c.time().isBefore(horizon);
            if (old) {
                NavigableMap<Long, CorpusChange> versions = changesByDocument.get(c.docId());
                versions.remove(c.version());
                if (versions.isEmpty()) {
                    changesByDocument.remove(c.docId());
                }
            }
            return old;
        });
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
