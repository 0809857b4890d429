package dev.tailor.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether Kafka currently fails to acknowledge what the consumer publishes (docs.indexed, dead-letter copies): the
 * poll is then retried and not committed, like a Weaviate outage.
 */
@ApplicationScoped
public class PublishAvailability extends Availability {
}
