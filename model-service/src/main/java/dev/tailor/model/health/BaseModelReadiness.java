package dev.tailor.model.health;

import dev.tailor.model.serving.LoadedModels;
import dev.tailor.model.serving.ModelCatalog;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/**
 * Ready once the base model is loaded. It is loaded right after start, off the startup thread, so the first
 * request does not pay for it and a missing weights file shows here with its reason instead of failing the start.
 */
@Readiness
@ApplicationScoped
public class BaseModelReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(BaseModelReadiness.class);

    private final LoadedModels models;
    private final ModelCatalog catalog;
    private volatile String problem = "the base model is loading";

    BaseModelReadiness(LoadedModels models, ModelCatalog catalog) {
        this.models = models;
        this.catalog = catalog;
    }

    void load(@Observes StartupEvent event) {
        CompletableFuture.runAsync(() -> {
            try (var lease = models.acquire(catalog.base())) {
                problem = null;
            } catch (RuntimeException e) {
                problem = e.getMessage();
                LOG.error(problem);
            }
        });
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("base-model").withData("model", catalog.base().id())
                .withData("loaded", String.join(", ", models.loaded()));
        return problem == null ? response.up().build() : response.down().withData("reason", problem).build();
    }
}
