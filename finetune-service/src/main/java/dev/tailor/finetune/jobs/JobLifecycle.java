package dev.tailor.finetune.jobs;

import dev.tailor.finetune.training.ProviderJobStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The training run's state machine, pure: (run, event) → the next run and the work that follows. An event applies
 * only in the states that expect it, and nothing changes an ended run, so a late provider report can never undo a
 * cancel, whichever arrives first. {@link JobRunner} applies events one at a time per run and carries out the effects.
 */
public final class JobLifecycle {

    /** @param minExamples fewest pairs worth training on; @param maxPollFailures failed polls before the run fails */
    public record Policy(int minExamples, int maxPollFailures) {
    }

    /**
     * @param refused why the event cannot apply to the run as it is (only cancel is refused; other stale events are
     *                simply ignored)
     */
    public record Transition(JobRecord job, List<Effect> effects, boolean changed, String refused) {

        static Transition to(JobRecord job, Effect... effects) {
            return new Transition(job, List.of(effects), true, null);
        }

        static Transition none(JobRecord job) {
            return new Transition(job, List.of(), false, null);
        }

        static Transition refused(JobRecord job, String why) {
            return new Transition(job, List.of(), false, why);
        }
    }

    private JobLifecycle() {
    }

    public static Transition apply(JobRecord job, JobEvent event, Instant now, Policy policy) {
        JobStatus status = job.status();
        if (status.terminal()) {
            return event instanceof JobEvent.CancelRequested
                    ? Transition.refused(job, "run " + job.id() + " has ended (" + status + ")")
                    : Transition.none(job);
        }
        if (event instanceof JobEvent.Failed failed) {
            return Transition.to(job.with(JobStatus.FAILED, failed.reason(), now));
        }
        if (event instanceof JobEvent.CancelRequested) {
            return cancel(job, now);
        }
        if (event instanceof JobEvent.Resumed) {
            return switch (status) {
                case PREPARING -> Transition.to(job.with(status, "resumed after a restart: building the dataset", now),
                        new Effect.BuildDataset());
                case EVALUATING -> Transition.to(job.with(status, "resumed after a restart: evaluating", now),
                        new Effect.Evaluate());
                default -> Transition.none(job);
            };
        }
        return switch (status) {
            case PREPARING -> preparing(job, event, now, policy);
            case QUEUED, RUNNING -> atProvider(job, event, now, policy);
            case EVALUATING -> event instanceof JobEvent.Evaluated e
                    ? Transition.to(job.with(e.evaluation(), now)
                    .with(e.promoted() ? JobStatus.PROMOTED : JobStatus.REJECTED, e.reason(), now))
                    : Transition.none(job);
            default -> Transition.none(job);
        };
    }

    private static Transition cancel(JobRecord job, Instant now) {
        return switch (job.status()) {
            case PREPARING -> Transition.to(job.with(JobStatus.CANCELLED, "cancelled by an administrator", now));
            case QUEUED, RUNNING -> Transition.to(job.with(JobStatus.CANCELLED, "cancelled by an administrator", now),
                    new Effect.CancelAtProvider(job.training().providerJobId()));
            default -> Transition.refused(job, "run " + job.id() + " is " + job.status()
                    + "; only a run being prepared, queued or trained can be cancelled");
        };
    }

    private static Transition preparing(JobRecord job, JobEvent event, Instant now, Policy policy) {
        if (event instanceof JobEvent.DatasetProgress p) {
            var d = job.dataset();
            return Transition.to(job.with(new JobRecord.DatasetPart(d.dir(), p.chunksDone(), p.chunksTotal(),
                    d.trainExamples(), d.evalExamples()), now)
                    .with(JobStatus.PREPARING, "writing question/answer pairs: " + p.chunksDone() + " of "
                            + p.chunksTotal() + " chunks", now));
        }
        if (event instanceof JobEvent.DatasetBuilt built) {
            JobRecord withDataset = job.with(built.dataset(), now);
            var d = built.dataset();
            if (built.problem() != null) {
                return Transition.to(withDataset.with(JobStatus.FAILED, built.problem(), now));
            }
            if (d.trainExamples() + d.evalExamples() < policy.minExamples() || d.evalExamples() == 0
                    || d.trainExamples() == 0) {
                return Transition.to(withDataset.with(JobStatus.FAILED, "the dataset has " + d.trainExamples()
                        + " training and " + d.evalExamples() + " evaluation pairs; at least " + policy.minExamples()
                        + " pairs, and one on each side, are needed", now));
            }
            return Transition.to(withDataset.with(JobStatus.PREPARING, "dataset ready (" + d.trainExamples()
                    + " training, " + d.evalExamples() + " evaluation pairs); submitting it", now), new Effect.Submit());
        }
        if (event instanceof JobEvent.Submitted s) {
            var t = job.training();
            JobRecord submitted = job.with(new JobRecord.TrainingPart(s.fileId(), s.providerJobId(), t.fineTunedModel(),
                    t.progress(), t.losses(), t.step(), t.totalSteps(), t.etaSeconds(), 0), now);
            return reported(submitted.with(JobStatus.QUEUED, "submitted to " + job.target().provider() + " as "
                    + s.providerJobId(), now), s.report(), now);
        }
        return Transition.none(job);
    }

    private static Transition atProvider(JobRecord job, JobEvent event, Instant now, Policy policy) {
        if (event instanceof JobEvent.Polled p) {
            return reported(job, p.report(), now);
        }
        if (event instanceof JobEvent.PollFailed f) {
            var t = job.training();
            int failures = t.pollFailures() + 1;
            if (f.notFound() || failures >= policy.maxPollFailures()) {
                return Transition.to(job.with(JobStatus.FAILED, f.reason(), now));
            }
            return Transition.to(job.with(new JobRecord.TrainingPart(t.fileId(), t.providerJobId(), t.fineTunedModel(),
                    t.progress(), t.losses(), t.step(), t.totalSteps(), t.etaSeconds(), failures), now));
        }
        return Transition.none(job);
    }

    /** The run after the provider's report: its progress recorded, its status the provider's. */
    private static Transition reported(JobRecord job, ProviderReport report, Instant now) {
        JobRecord updated = job.with(job.training().withReport(report), now);
        ProviderJobStatus remote = report.status();
        return switch (remote) {
            case SUCCEEDED -> updated.training().fineTunedModel() == null
                    ? Transition.to(updated.with(JobStatus.FAILED, "the provider reported success but no model id", now))
                    : Transition.to(updated.with(JobStatus.EVALUATING, "trained " + updated.training().fineTunedModel()
                    + "; evaluating", now), new Effect.Evaluate());
            case FAILED -> Transition.to(updated.with(JobStatus.FAILED, "the provider failed the job: "
                    + (report.error() == null ? "no reason given" : report.error()), now));
            case CANCELLED -> Transition.to(updated.with(JobStatus.CANCELLED, "cancelled at the provider", now));
            case QUEUED -> Transition.to(updated.with(JobStatus.QUEUED, "queued at the provider", now));
            case RUNNING -> Transition.to(updated.with(JobStatus.RUNNING, running(updated.training()), now));
        };
    }

    private static String running(JobRecord.TrainingPart t) {
        if (t.step() == null) {
            return "training";
        }
        String loss = t.losses().isEmpty() ? "" : String.format(Locale.ROOT, ", loss %.3f",
                t.losses().get(t.losses().size() - 1).trainLoss());
        String eta = t.etaSeconds() == null ? "" : ", about " + Math.max(1, (t.etaSeconds() + 59) / 60) + " min left";
        return "training: step " + t.step() + (t.totalSteps() == null ? "" : " of " + t.totalSteps()) + loss + eta;
    }
}
