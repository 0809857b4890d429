package dev.tailor.ingest.chunking;

/** The document would make more chunks, or bigger ones, than the limits allow; it is not chunked further. */
public class ChunkLimitException extends RuntimeException {

    private final String limit;

    public ChunkLimitException(String message, String limit) {
        super(message);
        this.limit = limit;
    }

    /** The configuration key of the limit. */
    public String limit() {
        return limit;
    }
}
