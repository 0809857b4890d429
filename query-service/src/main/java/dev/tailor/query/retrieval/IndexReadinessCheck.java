package dev.tailor.query.retrieval;

import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.runtime.rag.IndexGuard;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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

    /** Checks at once, so that the log says at startup which index is served, or why none is. */
    void onStart(@Observes StartupEvent event) {
        guard.check();
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("weaviate-index").withData("embeddingModel", embedder.indexModel().toString());
        return guard.problem().map(p -> response.down().withData("reason", p).build())
                .orElseGet(() -> response.up().build());
    }
}
