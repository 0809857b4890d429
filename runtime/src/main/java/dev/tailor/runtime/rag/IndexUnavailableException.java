package dev.tailor.runtime.rag;

/** The index cannot be served (absent, built by another embedding model, or unreachable): 503. */
public class IndexUnavailableException extends RuntimeException {
    public IndexUnavailableException(String message) {
        super(message);
    }
}
