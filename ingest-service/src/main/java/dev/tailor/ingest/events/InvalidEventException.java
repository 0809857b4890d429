package dev.tailor.ingest.events;

/** The record can never be processed; its message is the dead-letter reason. */
public class InvalidEventException extends Exception {
    public InvalidEventException(String reason) {
        super(reason);
    }
}
