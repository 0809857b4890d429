package dev.tailor.query.retrieval;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the index is absent, unreachable or built by another embedding model (with the reason). */
@Readiness
@ApplicationScoped
public class IndexReadinessCheck implements HealthCheck {

    private final IndexGuard guard;
    private final QuestionEmbedder embedder;

    IndexReadinessCheck(IndexGuard guard, QuestionEmbedder embedder) {
        this.guard = guard;
        this.embedder = embedder;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("weaviate-index").withData("embeddingModel", embedder.indexModel().toString());
        return guard.problem().map(p -> response.down().withData("reason", p).build())
                .orElseGet(() -> response.up().build());
    }
}
