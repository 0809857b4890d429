package dev.tailor.ingest.health;

import dev.tailor.runtime.weaviate.WeaviateConfig;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while Weaviate is unreachable or while changes fail to reach it (the consumer is then retrying,
 * offsets are not committed, and nothing new becomes searchable).
 */
@Readiness
@ApplicationScoped
public class WeaviateHealthCheck implements HealthCheck {

    private final WeaviateClient client;
    private final WeaviateConfig config;
    private final IndexAvailability availability;

    WeaviateHealthCheck(WeaviateClient client, WeaviateConfig config, IndexAvailability availability) {
        this.client = client;
        this.config = config;
        this.availability = availability;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Weaviate").withData("url", config.url().toString());
        boolean ready;
        try {
            ready = client.isReady();
        } catch (Exception e) {
            ready = false;
            response.withData("error", String.valueOf(e.getMessage()));
        }
        var outage = availability.outage();
        outage.ifPresent(o -> response.withData("writesFailingSince", o.since().toString())
                .withData("lastWriteError", o.lastError())
                .withData("attempts", o.attempts()));
        return response.status(ready && outage.isEmpty()).build();
    }
}
