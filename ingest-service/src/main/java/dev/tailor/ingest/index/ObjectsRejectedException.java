package dev.tailor.ingest.index;

import java.util.Map;

/**
 * Weaviate answered, and refused objects of particular documents (or the whole request as malformed): retrying
 * will not help those documents. Not an {@link IndexUnavailableException}.
 */
public class ObjectsRejectedException extends RuntimeException {

    private final Map<String, String> errorsByDocId;

    public ObjectsRejectedException(String message, Map<String, String> errorsByDocId, Throwable cause) {
        super(message, cause);
        this.errorsByDocId = Map.copyOf(errorsByDocId);
    }

    /** The first error of each document whose objects were refused; empty when the whole request was. */
    public Map<String, String> errorsByDocId() {
        return errorsByDocId;
    }
}
