package dev.tailor.ingest.events;

/** Kafka did not acknowledge records the consumer published: a transient failure, retried for as long as it lasts. */
public class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
