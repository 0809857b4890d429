package dev.tailor.contracts;

/** {@code data} of a {@value DocumentEventTypes#DELETED} event. */
public record DocumentDeleted(String docId, Long version) {
}
