package dev.tailor.finetune.schedule;

import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.corpus.GroupCorpus;
import dev.tailor.finetune.corpus.TrainingEligibility;
import dev.tailor.finetune.jobs.JobRecord;
import dev.tailor.finetune.jobs.JobRunner;
import dev.tailor.finetune.jobs.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decides whether a group trains now and starts the run; shared by the schedule and the admin API. */
@ApplicationScoped
public class TrainingTrigger {

    private static final Logger LOG = Logger.getLogger(TrainingTrigger.class);

    private final CorpusTracker corpus;
    private final JobStore jobs;
    private final JobRunner runner;
    private final FinetuneConfig config;
    private final Clock clock;

    TrainingTrigger(CorpusTracker corpus, JobStore jobs, JobRunner runner, FinetuneConfig config, Clock clock) {
        this.corpus = corpus;
        this.jobs = jobs;
        this.runner = runner;
        this.config = config;
        this.clock = clock;
    }

    /** The outcome of a request to train one group. */
    public sealed interface Outcome {
        record Started(JobRecord job) implements Outcome {
        }

        record UnknownGroup(String groupId) implements Outcome {
        }

        record AlreadyRunning(JobRecord job) implements Outcome {
        }

        record NotEligible(String groupId, List<String> reasons) implements Outcome {
        }
    }

    public TrainingEligibility eligibility(GroupCorpus group, boolean force) {
        String groupId = group.group().id();
        TrainingEligibility.LastFailure lastFailure = jobs.lastFailure(groupId)
                .map(j -> new TrainingEligibility.LastFailure(j.target().fingerprint(),
                        Duration.between(j.updatedAt(), clock.instant())))
                .orElse(null);
        return TrainingEligibility.evaluate(group, jobs.lastTrainedFingerprint(groupId).orElse(null), lastFailure,
                config.quietPeriod(), config.minExamples(), force);
    }

    public Outcome train(String groupId, boolean force) {
        Optional<GroupCorpus> group = corpus.corpus(groupId);
        if (group.isEmpty()) {
            return new Outcome.UnknownGroup(groupId);
        }
        var active = jobs.active(groupId);
        if (active.isPresent()) {
            return new Outcome.AlreadyRunning(active.get());
        }
        TrainingEligibility eligibility = eligibility(group.get(), force);
        if (!eligibility.eligible()) {
            return new Outcome.NotEligible(groupId, eligibility.reasons());
        }
        try {
            return new Outcome.Started(runner.start(group.get(), force));
        } catch (JobRunner.RunInProgress e) {
            return new Outcome.AlreadyRunning(e.job());
        }
    }

    /** Starts a run for every eligible group; returns the runs started. */
    public List<JobRecord> trainEligibleGroups() {
        if (!corpus.replayed() || !jobs.replayed()) {
            LOG.info("skipping the training check: the topics are still being replayed");
            return List.of();
        }
        List<JobRecord> started = new ArrayList<>();
        for (GroupCorpus group : corpus.corpora()) {
            if (train(group.group().id(), false) instanceof Outcome.Started s) {
                LOG.infof("started run %s for %s", s.job().id(), group.group().id());
                started.add(s.job());
            }
        }
        return started;
    }
}
