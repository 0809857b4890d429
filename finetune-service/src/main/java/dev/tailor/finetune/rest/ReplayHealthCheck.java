package dev.tailor.finetune.rest;

import dev.tailor.finetune.advice.QueryMetricsTracker;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.evaluation.EvaluationStore;
import dev.tailor.finetune.jobs.JobStore;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.registry.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the state is in memory (the index's documents, docs.indexed, the jobs, the registry, the evaluations) and
 * while every topic is being followed: before that, or while a follower recovers from a broker that went away,
 * decisions would be made on stale state.
 */
@Readiness
@ApplicationScoped
public class ReplayHealthCheck implements HealthCheck {

    private final CorpusTracker corpus;
    private final JobStore jobs;
    private final ModelRegistry registry;
    private final EvaluationStore evaluations;
    private final QueryMetricsTracker metrics;
    private final KafkaSupport kafka;

    ReplayHealthCheck(CorpusTracker corpus, JobStore jobs, ModelRegistry registry, EvaluationStore evaluations,
                      QueryMetricsTracker metrics, KafkaSupport kafka) {
        this.corpus = corpus;
        this.jobs = jobs;
        this.registry = registry;
        this.evaluations = evaluations;
        this.metrics = metrics;
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        var failures = kafka.followerFailures();
        boolean replayed = corpus.replayed() && jobs.replayed() && registry.replayed() && evaluations.replayed();
        var response = HealthCheckResponse.named("state-replayed")
                .status(replayed && failures.isEmpty())
                .withData("documents (index + docs.indexed)", corpus.replayed())
                .withData("jobs", jobs.replayed())
                .withData("models.registry", registry.replayed())
                .withData("models.evaluations", evaluations.replayed())
                .withData("queries.metrics", metrics.replayed());
        failures.forEach(response::withData);
        return response.build();
    }
}
