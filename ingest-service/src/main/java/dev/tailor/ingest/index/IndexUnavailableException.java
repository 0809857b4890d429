package dev.tailor.ingest.index;

/** Weaviate could not be read or did not accept a write (unreachable, or it rejected objects): retry later. */
public class IndexUnavailableException extends RuntimeException {
    public IndexUnavailableException(String message) {
        super(message);
    }

    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
