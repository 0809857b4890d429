package dev.tailor.finetune.jobs;

/** Something that happened to a training run; {@link JobLifecycle} says what it changes. */
public sealed interface JobEvent {

    /** The service (re)started while the run was not finished. */
    record Resumed() implements JobEvent {
    }

    /** Another chunk's pairs were written. */
    record DatasetProgress(int chunksDone, int chunksTotal) implements JobEvent {
    }

    /** The dataset is written; {@code problem} says why it cannot be trained on, if it cannot. */
    record DatasetBuilt(JobRecord.DatasetPart dataset, String problem) implements JobEvent {
    }

    /** The provider accepted the training file and the job. */
    record Submitted(String fileId, String providerJobId, ProviderReport report) implements JobEvent {
    }

    record Polled(ProviderReport report) implements JobEvent {
    }

    /** A poll failed after the client's own retries; {@code notFound}: the provider does not know the job. */
    record PollFailed(String reason, boolean notFound) implements JobEvent {
    }

    /** The gate's verdict on the candidate (a promotion is already published when {@code promoted}). */
    record Evaluated(boolean promoted, String reason, JobRecord.EvaluationPart evaluation) implements JobEvent {
    }

    record CancelRequested() implements JobEvent {
    }

    /** A step failed for good. */
    record Failed(String reason) implements JobEvent {
    }
}
