package dev.tailor.ingest.events;

import java.util.Optional;

/** The record can never be processed; its message is the dead-letter reason. */
public class InvalidEventException extends Exception {

    private final String limit;

    public InvalidEventException(String reason) {
        this(reason, null);
    }

    /** @param limit the configuration key of the limit the record is over */
    public InvalidEventException(String reason, String limit) {
        super(reason);
        this.limit = limit;
    }

    public Optional<String> limit() {
        return Optional.ofNullable(limit);
    }
}
