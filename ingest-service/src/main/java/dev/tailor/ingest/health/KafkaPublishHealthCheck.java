package dev.tailor.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while Kafka does not acknowledge docs.indexed records or dead-letter copies: the consumer is then
 * retrying them, and its offsets are not committed.
 */
@Readiness
@ApplicationScoped
public class KafkaPublishHealthCheck implements HealthCheck {

    private final PublishAvailability availability;

    KafkaPublishHealthCheck(PublishAvailability availability) {
        this.availability = availability;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka acknowledgements");
        var outage = availability.outage();
        outage.ifPresent(o -> response.withData("failingSince", o.since().toString())
                .withData("lastError", o.lastError())
                .withData("attempts", o.attempts()));
        return response.status(outage.isEmpty()).build();
    }
}
