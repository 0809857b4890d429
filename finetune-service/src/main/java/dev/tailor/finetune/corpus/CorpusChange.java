package dev.tailor.finetune.corpus;

import java.time.Instant;
import java.util.Set;

/**
 * One change that reached the index.
 *
 * @param rolesTouched the roles that could read the document before or after the change: the change matters to
 *                     every group holding one of them
 */
public record CorpusChange(String docId, long version, Instant time, Set<String> rolesTouched) {
}
