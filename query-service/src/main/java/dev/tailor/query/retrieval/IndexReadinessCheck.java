package dev.tailor.query.retrieval;

import dev.tailor.runtime.embedding.IndexEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the index is absent, unreachable or built by another embedding model (with the reason). */
@Readiness
@ApplicationScoped
public class IndexReadinessCheck implements HealthCheck {

    private final IndexGuard guard;
    private final IndexEmbedding embedder;

    IndexReadinessCheck(IndexGuard guard, IndexEmbedding embedder) {
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
