package dev.tailor.query.routing;

import dev.tailor.runtime.kafka.CompactedTopicState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until {@code models.registry} and {@code models.evaluations} are replayed, so that no replica answers
 * {@code auto} or a fine-tuned strategy from half a registry.
 */
@Readiness
@ApplicationScoped
public class RoutingReadinessCheck implements HealthCheck {

    private final RoutingState state;

    RoutingReadinessCheck(RoutingState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("routing-topics");
        var followers = state.followers();
        followers.forEach(f -> response.withData(f.topic(), f.replayed() ? "replayed" : "replaying"));
        return response.status(followers.stream().allMatch(CompactedTopicState::replayed)).build();
    }
}
