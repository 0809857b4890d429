package dev.tailor.ingest.index;

/**
 * Weaviate could not be reached, was overloaded or failed on its side: a transient failure, retried with back-off
 * for as long as it lasts.
 */
public class IndexUnavailableException extends RuntimeException {
    public IndexUnavailableException(String message) {
        super(message);
    }

    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
