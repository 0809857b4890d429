package dev.tailor.finetune.rest;

import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.jobs.JobStore;
import dev.tailor.finetune.registry.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once docs.indexed, the jobs and the registry have been replayed: before that, decisions would be wrong. */
@Readiness
@ApplicationScoped
public class ReplayHealthCheck implements HealthCheck {

    @Inject
    CorpusTracker corpus;
    @Inject
    JobStore jobs;
    @Inject
    ModelRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("topics-replayed")
                .status(corpus.replayed() && jobs.replayed() && registry.replayed())
                .withData("docs.indexed", corpus.replayed())
                .withData("jobs", jobs.replayed())
                .withData("models.registry", registry.replayed())
                .build();
    }
}
