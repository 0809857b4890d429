package dev.tailor.finetune.corpus;

import java.time.Instant;
import java.util.List;

/**
 * One change that reached the index.
 *
 * @param rolesBefore the document's allowed roles before the change (empty if it was new)
 * @param rolesAfter  its allowed roles after the change (empty after a delete)
 */
public record CorpusChange(String docId, long version, Instant time, List<String> rolesBefore, List<String> rolesAfter) {
}
