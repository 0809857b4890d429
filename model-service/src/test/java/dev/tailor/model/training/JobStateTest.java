package dev.tailor.model.training;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's state changes only along OpenAI's lifecycle; late or racing transitions cannot undo an end. */
class JobStateTest {

    static final JobState.JobError WHY = JobState.JobError.of("worker_died", "killed");

    @Test
    void aJobGoesFromValidatingThroughQueuedAndRunningToAnEnd() {
        JobState running = JobState.validating().queued().running().progress(1200, 1_000_000L);

        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.trainedTokens()).isEqualTo(1200);
        assertThat(running.estimatedFinish()).isEqualTo(1_000_000L);
        JobState done = running.succeeded("ft:m:s:j", List.of("file-1"), 2400, 99);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.fineTunedModel()).isEqualTo("ft:m:s:j");
        assertThat(done.resultFiles()).containsExactly("file-1");
        assertThat(done.finishedAt()).isEqualTo(99);
        assertThat(done.estimatedFinish()).isNull();
    }

    @Test
    void aCancelBeatsTheWorkersLateReports() {
        JobState cancelled = JobState.validating().queued().running().progress(10, 5).cancelled(7);

        assertThat(cancelled.progress(20, 6)).isEqualTo(cancelled);
        assertThat(cancelled.succeeded("ft:x", List.of(), 20, 8)).isEqualTo(cancelled);
        assertThat(cancelled.failed(WHY, 8)).isEqualTo(cancelled);
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.trainedTokens()).as("what was trained before the cancel is kept").isEqualTo(10);
    }

    @Test
    void finishedJobsStayFinished() {
        JobState succeeded = JobState.validating().queued().running().succeeded("ft:x", List.of(), 1, 2);
        assertThat(succeeded.cancelled(3)).isEqualTo(succeeded);
        assertThat(succeeded.failed(WHY, 3)).isEqualTo(succeeded);

        JobState failed = JobState.validating().failed(WHY, 1);
        assertThat(failed.error()).isEqualTo(WHY);
        assertThat(failed.queued()).isEqualTo(failed);
        assertThat(failed.running()).isEqualTo(failed);
    }

    @Test
    void aQueuedJobCancelledBeforeItsTurnNeverRuns() {
        JobState cancelled = JobState.validating().queued().cancelled(4);

        assertThat(cancelled.running()).isEqualTo(cancelled);
    }
}
