package dev.tailor.finetune.jobs;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.corpus.GroupCorpus;
import dev.tailor.finetune.dataset.Dataset;
import dev.tailor.finetune.dataset.DatasetBuilder;
import dev.tailor.finetune.dataset.DatasetWriter;
import dev.tailor.finetune.dataset.QaPair;
import dev.tailor.finetune.evaluation.ModelEvaluator;
import dev.tailor.finetune.evaluation.PromotionGate;
import dev.tailor.finetune.registry.ModelRegistry;
import dev.tailor.finetune.training.ProviderJob;
import dev.tailor.finetune.training.TrainingProvider;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs training jobs: dataset → upload → provider job → poll → evaluate → promote or reject. Every transition is
 * saved to the jobs topic before the next step, so a restart carries on from the last saved state: a job the
 * provider already accepted is polled again, never submitted twice. One job per group at a time.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    FinetuneConfig config;
    @Inject
    JobStore store;
    @Inject
    CorpusTracker corpus;
    @Inject
    ModelRegistry registry;
    @Inject
    DatasetBuilder datasets;
    @Inject
    TrainingProvider provider;
    @Inject
    ModelEvaluator evaluator;
    @Inject
    Clock clock;

    /** Jobs a worker is currently busy with, so the poller never hands the same job out twice. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> pollFailures = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private ScheduledExecutorService poller;

    void start(@Observes StartupEvent event) throws InterruptedException {
        var timeout = config.replayTimeout();
        boolean ready = corpus.awaitReplay(timeout) & store.awaitReplay(timeout) & registry.awaitReplay(timeout);
        if (!ready) {
            LOG.warnf("replay of the topics did not finish within %s; continuing, readiness stays down until it does", timeout);
        }
        workers = Executors.newFixedThreadPool(2, r -> new Thread(r, "training-job"));
        resumeInterruptedJobs();
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "training-poller"));
        long every = Math.max(50, config.pollInterval().toMillis());
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Starts a run for the group; the caller checked eligibility. Synchronized: never two runs for one group. */
    public synchronized JobRecord start(GroupCorpus group, boolean forced) {
        var active = store.active(group.group().id());
        if (active.isPresent()) {
            throw new RunInProgress(active.get());
        }
        var now = clock.instant();
        JobRecord job = store.save(new JobRecord(UUID.randomUUID().toString(), group.group().id(), group.group().roles(),
                group.fingerprint(), JobStatus.PREPARING, provider.name(), config.provider().baseModel(), null, 0, 0,
                null, null, null, null, null, null, "building the dataset", List.of(), forced, now, now));
        inFlight.add(job.id());
        workers.submit(() -> {
            try {
                prepareAndSubmit(job);
            } finally {
                inFlight.remove(job.id());
            }
        });
        return job;
    }

    /**
     * Cancels a run the provider is training (queued or running): at the provider, then here. Runs still building
     * their dataset, being evaluated or finished cannot be cancelled ({@link IllegalStateException}).
     */
    public JobRecord cancel(String jobId) throws InterruptedException {
        // take the job from the poller so that a concurrent poll cannot overwrite the cancellation
        long deadline = System.currentTimeMillis() + 10_000;
        while (!inFlight.add(jobId)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("run " + jobId + " is busy; try again");
            }
            Thread.sleep(50);
        }
        try {
            JobRecord job = store.find(jobId).orElseThrow(() -> new java.util.NoSuchElementException("no job " + jobId));
            if (job.providerJobId() == null || (job.status() != JobStatus.QUEUED && job.status() != JobStatus.RUNNING)) {
                throw new IllegalStateException("run " + jobId + " is " + job.status()
                        + "; only a queued or running run can be cancelled");
            }
            provider.cancel(job.providerJobId());
            return store.save(job.with(JobStatus.CANCELLED, "cancelled by an administrator", clock.instant()));
        } finally {
            inFlight.remove(jobId);
        }
    }

    /** Thrown when the group already has a run that is not finished. */
    public static final class RunInProgress extends RuntimeException {
        private final transient JobRecord job;

        RunInProgress(JobRecord job) {
            super("group " + job.groupId() + " already has run " + job.id() + " (" + job.status() + ")");
            this.job = job;
        }

        public JobRecord job() {
            return job;
        }
    }

    private void prepareAndSubmit(JobRecord started) {
        JobRecord job = started;
        try {
            var group = corpus.groups().stream().filter(g -> g.id().equals(started.groupId())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the group no longer exists (its ACLs changed)"));
            Dataset dataset = datasets.build(job.id(), group, job.fingerprint());
            job = store.save(job.withDataset(dataset.dir().toString(), dataset.train().size(), dataset.eval().size(),
                    clock.instant()));
            if (dataset.train().size() + dataset.eval().size() < config.minExamples() || dataset.eval().isEmpty()) {
                store.save(job.with(JobStatus.FAILED, "the dataset has " + dataset.train().size() + " training and "
                        + dataset.eval().size() + " evaluation pairs; at least " + config.minExamples()
                        + " pairs and one evaluation pair are needed", clock.instant()));
                return;
            }
            String fileId = provider.uploadTrainingFile(dataset.trainFile());
            ProviderJob created = provider.createJob(fileId, job.baseModel(), suffix(job.groupId()));
            job = job.withProviderJob(fileId, created.id(), clock.instant());
            store.save(job.with(statusOf(created), "submitted to " + provider.name() + " as " + created.id(),
                    clock.instant()));
        } catch (RuntimeException e) {
            LOG.warnf(e, "run %s for %s failed", job.id(), job.groupId());
            store.save(job.with(JobStatus.FAILED, e.getMessage(), clock.instant()));
        }
    }

    /** OpenAI allows up to 64 characters in the model suffix; the group id is recognisable there. */
    static String suffix(String groupId) {
        String s = groupId.replaceAll("[^A-Za-z0-9-]", "-");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    private static JobStatus statusOf(ProviderJob job) {
        return switch (job.status()) {
            case QUEUED -> JobStatus.QUEUED;
            case RUNNING -> JobStatus.RUNNING;
            case SUCCEEDED -> JobStatus.EVALUATING;
            case FAILED -> JobStatus.FAILED;
            case CANCELLED -> JobStatus.CANCELLED;
        };
    }

    private void resumeInterruptedJobs() {
        for (JobRecord job : store.all()) {
            if (job.status() == JobStatus.PREPARING && !inFlight.contains(job.id())) {
                // the dataset was being built when the service stopped; nothing reached the provider
                store.save(job.with(JobStatus.FAILED, "interrupted before it reached the provider (service restart);"
                        + " the schedule starts a new run", clock.instant()));
            } else if (!job.status().terminal()) {
                LOG.infof("resuming run %s of %s (%s, provider job %s)", job.id(), job.groupId(), job.status(),
                        job.providerJobId());
            }
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("polling training jobs failed", e);
        }
    }

    void poll() {
        for (JobRecord job : store.all()) {
            if (job.status().terminal() || job.providerJobId() == null || !inFlight.add(job.id())) {
                continue;
            }
            workers.submit(() -> {
                try {
                    advance(job);
                } finally {
                    inFlight.remove(job.id());
                }
            });
        }
    }

    private void advance(JobRecord job) {
        try {
            if (job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING) {
                ProviderJob remote;
                try {
                    remote = provider.job(job.providerJobId());
                    pollFailures.remove(job.id());
                } catch (TrainingProvider.ProviderException e) {
                    int failures = pollFailures.merge(job.id(), 1, Integer::sum);
                    if (e.notFound() || failures >= config.maxPollFailures()) {
                        store.save(job.with(JobStatus.FAILED, e.getMessage(), clock.instant()));
                    }
                    return;
                }
                List<String> events = safeEvents(job.providerJobId());
                JobStatus next = statusOf(remote);
                JobRecord updated = job.withProgress(events, clock.instant());
                if (remote.fineTunedModel() != null) {
                    updated = updated.withModel(remote.fineTunedModel(), clock.instant());
                }
                if (next != job.status() || !updated.progress().equals(job.progress())) {
                    String message = switch (next) {
                        case FAILED -> "the provider failed the job: " + (remote.error() == null ? "no reason given" : remote.error());
                        case CANCELLED -> "cancelled at the provider";
                        case EVALUATING -> "trained " + remote.fineTunedModel() + "; evaluating";
                        default -> "provider status " + remote.status().name().toLowerCase();
                    };
                    job = store.save(updated.with(next, message, clock.instant()));
                }
            }
            if (job.status() == JobStatus.EVALUATING) {
                evaluateAndDecide(job);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "run %s failed", job.id());
            store.save(job.with(JobStatus.FAILED, e.getMessage(), clock.instant()));
        }
    }

    private List<String> safeEvents(String providerJobId) {
        try {
            return provider.events(providerJobId);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void evaluateAndDecide(JobRecord job) {
        if (job.fineTunedModel() == null) {
            store.save(job.with(JobStatus.FAILED, "the provider reported success but no model id", clock.instant()));
            return;
        }
        Path evalFile = job.datasetDir() == null ? null : Path.of(job.datasetDir()).resolve("eval.jsonl");
        if (evalFile == null || !Files.exists(evalFile)) {
            store.save(job.with(JobStatus.FAILED, "the held-out questions (" + evalFile + ") are gone; cannot evaluate",
                    clock.instant()));
            return;
        }
        List<QaPair> heldOut = DatasetWriter.readPairs(evalFile);
        var current = registry.current(job.groupId()).filter(p -> !p.modelId().equals(job.fineTunedModel()));
        double candidate = evaluator.score(job.fineTunedModel(), heldOut);
        Double currentScore = current.map(p -> evaluator.score(p.modelId(), heldOut)).orElse(null);
        PromotionGate gate = PromotionGate.decide(candidate, currentScore, config.evaluation().threshold());
        var now = clock.instant();
        JobRecord scored = job.withScores(candidate, currentScore, current.map(ModelPromotion::modelId).orElse(null), now);
        if (gate.promote()) {
            registry.promote(new ModelPromotion(job.groupId(), job.fineTunedModel(), job.provider(), job.baseModel(),
                    job.roles(), job.fingerprint(), candidate, currentScore, now));
            store.save(scored.with(JobStatus.PROMOTED, gate.reason(), now));
        } else {
            store.save(scored.with(JobStatus.REJECTED, gate.reason(), now));
        }
    }
}
