package dev.tailor.finetune.jobs;

import dev.tailor.finetune.training.ProviderJobStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every transition of a training run, and that nothing undoes an ended run. */
class JobLifecycleTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final JobLifecycle.Policy POLICY = new JobLifecycle.Policy(10, 3);
    static final JobRecord.Target TARGET = new JobRecord.Target("g-eng", List.of("eng"), "fp", "model-service",
            "smollm2-135m", false);

    static JobRecord preparing() {
        return JobRecord.preparing("job-1", TARGET, T0);
    }

    static JobLifecycle.Transition apply(JobRecord job, JobEvent event) {
        return JobLifecycle.apply(job, event, T1, POLICY);
    }

    static ProviderReport report(ProviderJobStatus status, String model, JobRecord.LossPoint... losses) {
        return new ProviderReport(status, model, status == ProviderJobStatus.FAILED ? "out of memory" : null,
                List.of("Step 3/40: training loss=1.2"), List.of(losses), 40, 120L);
    }

    static JobRecord running() {
        JobRecord built = apply(preparing(), new JobEvent.DatasetBuilt(new JobRecord.DatasetPart("/d", 4, 4, 12, 3), null)).job();
        return apply(built, new JobEvent.Submitted("file-1", "ftjob-1", report(ProviderJobStatus.RUNNING, null))).job();
    }

    static JobRecord evaluating() {
        return apply(running(), new JobEvent.Polled(report(ProviderJobStatus.SUCCEEDED, "ft:m:g:1"))).job();
    }

    @Test
    void datasetProgressIsRecordedWhilePreparing() {
        var t = apply(preparing(), new JobEvent.DatasetProgress(3, 8));

        assertThat(t.job().status()).isEqualTo(JobStatus.PREPARING);
        assertThat(t.job().dataset().chunksDone()).isEqualTo(3);
        assertThat(t.job().dataset().chunksTotal()).isEqualTo(8);
        assertThat(t.job().message()).contains("3 of 8 chunks");
        assertThat(t.effects()).isEmpty();
    }

    @Test
    void aBuiltDatasetIsSubmitted() {
        var t = apply(preparing(), new JobEvent.DatasetBuilt(new JobRecord.DatasetPart("/d", 4, 4, 12, 3), null));

        assertThat(t.job().status()).isEqualTo(JobStatus.PREPARING);
        assertThat(t.job().dataset().trainExamples()).isEqualTo(12);
        assertThat(t.effects()).containsExactly(new Effect.Submit());
    }

    @Test
    void aDatasetThatCannotBeTrainedOnFailsTheRunWithItsReason() {
        var refused = apply(preparing(), new JobEvent.DatasetBuilt(new JobRecord.DatasetPart("/d", 0, 0, 0, 0),
                "no chat model writes questions"));
        assertThat(refused.job().status()).isEqualTo(JobStatus.FAILED);
        assertThat(refused.job().message()).isEqualTo("no chat model writes questions");

        var tooSmall = apply(preparing(), new JobEvent.DatasetBuilt(new JobRecord.DatasetPart("/d", 4, 4, 5, 2), null));
        assertThat(tooSmall.job().status()).isEqualTo(JobStatus.FAILED);
        assertThat(tooSmall.job().message()).contains("at least 10 pairs");

        var noEval = apply(preparing(), new JobEvent.DatasetBuilt(new JobRecord.DatasetPart("/d", 4, 4, 20, 0), null));
        assertThat(noEval.job().status()).isEqualTo(JobStatus.FAILED);
        assertThat(noEval.effects()).isEmpty();
    }

    @Test
    void aSubmittedJobFollowsTheProvidersStatusAndRecordsItsProgress() {
        JobRecord job = running();
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.training().providerJobId()).isEqualTo("ftjob-1");
        assertThat(job.training().fileId()).isEqualTo("file-1");

        var t = apply(job, new JobEvent.Polled(report(ProviderJobStatus.RUNNING, null,
                new JobRecord.LossPoint(1, 2.0), new JobRecord.LossPoint(2, 1.5))));
        assertThat(t.job().training().losses()).extracting(JobRecord.LossPoint::step).containsExactly(1, 2);
        assertThat(t.job().training().step()).isEqualTo(2);
        assertThat(t.job().training().totalSteps()).isEqualTo(40);
        assertThat(t.job().message()).contains("step 2 of 40").contains("loss 1.500");
        assertThat(t.job().training().progress()).contains("Step 3/40: training loss=1.2");

        var queued = apply(job, new JobEvent.Polled(report(ProviderJobStatus.QUEUED, null)));
        assertThat(queued.job().status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void aTrainedModelIsEvaluated() {
        var t = apply(running(), new JobEvent.Polled(report(ProviderJobStatus.SUCCEEDED, "ft:m:g:1")));

        assertThat(t.job().status()).isEqualTo(JobStatus.EVALUATING);
        assertThat(t.job().training().fineTunedModel()).isEqualTo("ft:m:g:1");
        assertThat(t.effects()).containsExactly(new Effect.Evaluate());
    }

    @Test
    void successWithoutAModelAndProviderFailuresFailTheRun() {
        assertThat(apply(running(), new JobEvent.Polled(report(ProviderJobStatus.SUCCEEDED, null))).job().message())
                .contains("no model id");
        var failed = apply(running(), new JobEvent.Polled(report(ProviderJobStatus.FAILED, null))).job();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.message()).contains("out of memory");
        assertThat(apply(running(), new JobEvent.Polled(report(ProviderJobStatus.CANCELLED, null))).job().status())
                .isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void pollFailuresCountUntilTheLimitAndAnUnknownJobFailsAtOnce() {
        JobRecord job = running();
        job = apply(job, new JobEvent.PollFailed("unreachable", false)).job();
        job = apply(job, new JobEvent.PollFailed("unreachable", false)).job();
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(job.training().pollFailures()).isEqualTo(2);
        assertThat(apply(job, new JobEvent.PollFailed("unreachable", false)).job().status()).isEqualTo(JobStatus.FAILED);

        assertThat(apply(running(), new JobEvent.PollFailed("no such job", true)).job().status()).isEqualTo(JobStatus.FAILED);
        var recovered = apply(job, new JobEvent.Polled(report(ProviderJobStatus.RUNNING, null))).job();
        assertThat(recovered.training().pollFailures()).as("a good poll clears the count").isZero();
    }

    @Test
    void theGatesVerdictEndsTheRun() {
        var part = new JobRecord.EvaluationPart("finetuned+rag", 0.6, 0.4, "base", 10, List.of());
        var promoted = apply(evaluating(), new JobEvent.Evaluated(true, "better", part)).job();
        assertThat(promoted.status()).isEqualTo(JobStatus.PROMOTED);
        assertThat(promoted.evaluation()).isEqualTo(part);
        assertThat(apply(evaluating(), new JobEvent.Evaluated(false, "worse", part)).job().status())
                .isEqualTo(JobStatus.REJECTED);
    }

    @Test
    void cancelStopsTheRunWhereverItIsAndAsksTheProviderToo() {
        assertThat(apply(preparing(), new JobEvent.CancelRequested()).job().status()).isEqualTo(JobStatus.CANCELLED);
        var atProvider = apply(running(), new JobEvent.CancelRequested());
        assertThat(atProvider.job().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(atProvider.effects()).containsExactly(new Effect.CancelAtProvider("ftjob-1"));
        assertThat(apply(evaluating(), new JobEvent.CancelRequested()).refused()).contains("EVALUATING");
    }

    @Test
    void aCancelAndALateProviderReportCannotOverwriteEachOther() {
        JobRecord cancelled = apply(running(), new JobEvent.CancelRequested()).job();

        for (JobEvent late : List.of(new JobEvent.Polled(report(ProviderJobStatus.SUCCEEDED, "ft:m:g:1")),
                new JobEvent.Polled(report(ProviderJobStatus.RUNNING, null)), new JobEvent.PollFailed("x", true),
                new JobEvent.Evaluated(true, "better", null), new JobEvent.Failed("boom"), new JobEvent.Resumed())) {
            var t = apply(cancelled, late);
            assertThat(t.changed()).as(late.toString()).isFalse();
            assertThat(t.job()).isEqualTo(cancelled);
            assertThat(t.effects()).isEmpty();
        }
        assertThat(apply(cancelled, new JobEvent.CancelRequested()).refused()).contains("has ended");
    }

    @Test
    void aRestartResumesWhatWasInterrupted() {
        assertThat(apply(preparing(), new JobEvent.Resumed()).effects()).containsExactly(new Effect.BuildDataset());
        assertThat(apply(evaluating(), new JobEvent.Resumed()).effects()).containsExactly(new Effect.Evaluate());
        assertThat(apply(running(), new JobEvent.Resumed()).effects()).as("the poller picks it up").isEmpty();
    }

    @Test
    void eventsOutOfPlaceAreIgnored() {
        assertThat(apply(preparing(), new JobEvent.Polled(report(ProviderJobStatus.SUCCEEDED, "m"))).changed()).isFalse();
        assertThat(apply(running(), new JobEvent.DatasetProgress(1, 2)).changed()).isFalse();
        assertThat(apply(evaluating(), new JobEvent.Polled(report(ProviderJobStatus.FAILED, null))).changed()).isFalse();
        assertThat(apply(running(), new JobEvent.Failed("boom")).job().status()).isEqualTo(JobStatus.FAILED);
    }
}
