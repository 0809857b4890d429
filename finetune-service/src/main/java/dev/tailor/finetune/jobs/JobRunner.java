package dev.tailor.finetune.jobs;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.registry.ModelRegistry;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.corpus.GroupCorpus;
import dev.tailor.finetune.dataset.DatasetBuilder;
import dev.tailor.finetune.evaluation.CandidateGate;
import dev.tailor.finetune.training.ProviderEvent;
import dev.tailor.finetune.training.ProviderJob;
import dev.tailor.finetune.training.ProviderRejected;
import dev.tailor.finetune.training.TrainingProvider;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives training runs through {@link JobLifecycle}: each event is applied to the run's latest saved record, one at a
 * time per run, the result saved before anything else happens, and the effects carried out afterwards on the managed
 * executor. quarkus-scheduler polls the provider for the runs it holds. A restart resumes every unfinished run from
 * its saved state: a dataset being written carries on, a job the provider accepted is polled again, never submitted
 * twice, an evaluation starts over.
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final FinetuneConfig config;
    private final JobStore store;
    private final CorpusTracker corpus;
    private final DatasetBuilder datasets;
    private final TrainingProvider provider;
    private final CandidateGate gate;
    private final ModelRegistry registry;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final JobLifecycle.Policy policy;
    /** One lock per run: its events are applied one at a time. */
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    /** Runs being polled now, so that a slow poll is not started twice. */
    private final Set<String> polling = ConcurrentHashMap.newKeySet();

    JobRunner(FinetuneConfig config, JobStore store, CorpusTracker corpus, DatasetBuilder datasets,
              TrainingProvider provider, CandidateGate gate, ModelRegistry registry, ManagedExecutor executor,
              Clock clock) {
        this.config = config;
        this.store = store;
        this.corpus = corpus;
        this.datasets = datasets;
        this.provider = provider;
        this.gate = gate;
        this.registry = registry;
        this.executor = executor;
        this.clock = clock;
        this.policy = new JobLifecycle.Policy(config.minExamples(), config.maxPollFailures());
    }

    void resume(@Observes StartupEvent event) throws InterruptedException {
        var timeout = config.replayTimeout();
        boolean ready = corpus.awaitReplay(timeout) & store.awaitReplay(timeout);
        if (!ready) {
            LOG.warnf("replay of the topics did not finish within %s; continuing, readiness stays down until it does", timeout);
        }
        for (JobRecord job : store.unfinished()) {
            LOG.infof("resuming run %s of %s (%s)", job.id(), job.groupId(), job.status());
            executor.execute(() -> handle(job.id(), new JobEvent.Resumed()));
        }
    }

    /** Starts a run for the group; the caller checked eligibility. Never two unfinished runs for one group. */
    public synchronized JobRecord start(GroupCorpus group, boolean forced) {
        var active = store.active(group.group().id());
        if (active.isPresent()) {
            throw new RunInProgress(active.get());
        }
        JobRecord job = store.save(JobRecord.preparing(UUID.randomUUID().toString(), new JobRecord.Target(
                group.group().id(), group.group().roles(), group.fingerprint(), provider.name(),
                config.provider().baseModel(), forced), clock.instant()));
        executor.execute(() -> run(job.id(), new Effect.BuildDataset()));
        return job;
    }

    /**
     * Cancels a run being prepared, queued or trained (at the provider too).
     *
     * @throws IllegalStateException naming why a run in any other state cannot be cancelled
     */
    public JobRecord cancel(String jobId) {
        store.find(jobId).orElseThrow(() -> new java.util.NoSuchElementException("no job " + jobId));
        return handle(jobId, new JobEvent.CancelRequested());
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

    /** Applies one event to the run's latest record, saves the outcome, then starts the effects it asks for. */
    JobRecord handle(String jobId, JobEvent event) {
        JobLifecycle.Transition transition;
        synchronized (locks.computeIfAbsent(jobId, id -> new Object())) {
            JobRecord current = store.find(jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
            transition = JobLifecycle.apply(current, event, clock.instant(), policy);
            if (transition.refused() != null) {
                throw new IllegalStateException(transition.refused());
            }
            if (transition.changed()) {
                store.save(transition.job());
            }
        }
        for (Effect effect : transition.effects()) {
            executor.execute(() -> run(jobId, effect));
        }
        return transition.job();
    }

    /** Carries out one effect and reports its outcome as an event; a failure fails the run with its reason. */
    private void run(String jobId, Effect effect) {
        try {
            JobRecord job = store.find(jobId).orElseThrow();
            if (effect instanceof Effect.BuildDataset) {
                var built = datasets.build(jobId, job.target().roles(), job.target().fingerprint(),
                        (done, total) -> handle(jobId, new JobEvent.DatasetProgress(done, total)), () -> cancelled(jobId));
                handle(jobId, new JobEvent.DatasetBuilt(new JobRecord.DatasetPart(built.dir(), built.chunksTotal(),
                        built.chunksTotal(), built.trainExamples(), built.evalExamples()), built.problem()));
            } else if (effect instanceof Effect.Submit) {
                String fileId = provider.uploadTrainingFile(Path.of(job.dataset().dir()).resolve(DatasetBuilder.TRAIN_FILE));
                ProviderJob created = provider.createJob(fileId, job.target().baseModel(), suffix(job.groupId()));
                handle(jobId, new JobEvent.Submitted(fileId, created.id(), report(created, List.of())));
            } else if (effect instanceof Effect.Evaluate) {
                evaluate(job);
            } else if (effect instanceof Effect.CancelAtProvider cancel && cancel.providerJobId() != null) {
                provider.cancel(cancel.providerJobId());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "run %s: %s failed", jobId, effect.getClass().getSimpleName());
            if (!(effect instanceof Effect.CancelAtProvider)) {
                handle(jobId, new JobEvent.Failed(effect.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase() + " failed: " + e.getMessage()));
            }
        }
    }

    /** The gate's verdict; a promotion reaches models.registry before the run is marked promoted. */
    private void evaluate(JobRecord job) {
        String candidate = job.training().fineTunedModel();
        var verdict = gate.decide(job.id(), job.target().roles(), candidate, Path.of(job.dataset().dir()));
        if (verdict.promoted()) {
            registry.promote(new ModelPromotion(job.groupId(), candidate, job.target().provider(), job.target().baseModel(),
                    job.target().roles(), job.target().fingerprint(), verdict.candidateAccuracy(),
                    verdict.currentAccuracy(), clock.instant()));
        }
        List<JobRecord.QuestionResult> results = verdict.evaluation().stream()
                .map(o -> new JobRecord.QuestionResult(o.id(), o.question(), o.factCorrect(), o.answer(), o.source())).toList();
        handle(job.id(), new JobEvent.Evaluated(verdict.promoted(), verdict.reason(), new JobRecord.EvaluationPart(
                verdict.strategy(), verdict.candidateAccuracy(), verdict.currentAccuracy(), verdict.currentModel(),
                verdict.questions(), results)));
    }

    private boolean cancelled(String jobId) {
        return store.find(jobId).map(j -> j.status() == JobStatus.CANCELLED).orElse(true);
    }

    @Scheduled(every = "{tailor.finetune.poll-interval}", identity = "poll-training-jobs",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        for (JobRecord job : store.unfinished()) {
            if (job.status().atProvider() && job.training().providerJobId() != null && polling.add(job.id())) {
                executor.execute(() -> {
                    try {
                        pollOnce(job.id(), job.training().providerJobId());
                    } finally {
                        polling.remove(job.id());
                    }
                });
            }
        }
    }

    private void pollOnce(String jobId, String providerJobId) {
        ProviderJob remote;
        List<ProviderEvent> events;
        try {
            remote = provider.job(providerJobId);
            events = provider.events(providerJobId);
        } catch (ProviderRejected e) {
            handle(jobId, new JobEvent.PollFailed("the provider refused the poll: " + e.getMessage(), e.notFound()));
            return;
        } catch (RuntimeException e) {
            handle(jobId, new JobEvent.PollFailed("the provider is unreachable: " + e.getMessage(), false));
            return;
        }
        handle(jobId, new JobEvent.Polled(report(remote, events)));
    }

    /** The provider's job and events as the lifecycle reads them: messages, and the loss by step of metrics events. */
    static ProviderReport report(ProviderJob job, List<ProviderEvent> events) {
        List<String> messages = new ArrayList<>();
        List<JobRecord.LossPoint> losses = new ArrayList<>();
        Integer totalSteps = null;
        Long eta = null;
        for (ProviderEvent event : events) {
            if (event.message() != null) {
                messages.add(event.message());
            }
            var data = event.data();
            if (data != null && data.has("step") && data.has("train_loss")) {
                losses.add(new JobRecord.LossPoint(data.path("step").asInt(), data.path("train_loss").asDouble()));
                totalSteps = data.has("total_steps") ? Integer.valueOf(data.path("total_steps").asInt()) : totalSteps;
                eta = data.has("eta_seconds") ? Long.valueOf(Math.round(data.path("eta_seconds").asDouble())) : eta;
            }
        }
        return new ProviderReport(job.status(), job.fineTunedModel(), job.error(), messages, losses, totalSteps, eta);
    }

    /** OpenAI allows up to 64 characters in the model suffix (model-service 40); the group id is recognisable there. */
    static String suffix(String groupId) {
        String s = groupId.replaceAll("[^A-Za-z0-9-]", "-");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
