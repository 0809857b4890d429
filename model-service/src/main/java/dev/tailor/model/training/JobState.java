package dev.tailor.model.training;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Where a fine-tuning job is; every transition is a new value. Field names are OpenAI's.
 *
 * @param estimatedFinish epoch seconds, while it trains
 */
public record JobState(JobStatus status,
                       @JsonProperty("finished_at") Long finishedAt,
                       @JsonProperty("fine_tuned_model") String fineTunedModel,
                       @JsonProperty("result_files") List<String> resultFiles,
                       @JsonProperty("trained_tokens") Long trainedTokens,
                       @JsonProperty("estimated_finish") Long estimatedFinish,
                       JobError error) {

    public JobState {
        resultFiles = resultFiles == null ? List.of() : List.copyOf(resultFiles);
    }

    static JobState validating() {
        return new JobState(JobStatus.VALIDATING_FILES, null, null, List.of(), null, null, null);
    }

    // Each transition applies only from the states it leaves and is otherwise a no-op, so that a cancel and a
    // worker's late report, applied in either order, end in the same state.

    JobState queued() {
        return status != JobStatus.VALIDATING_FILES ? this
                : new JobState(JobStatus.QUEUED, null, null, List.of(), null, null, null);
    }

    JobState running() {
        return status != JobStatus.QUEUED ? this
                : new JobState(JobStatus.RUNNING, null, null, List.of(), null, null, null);
    }

    JobState progress(long trained, long estimatedFinishAt) {
        return status != JobStatus.RUNNING ? this
                : new JobState(status, null, null, List.of(), trained, estimatedFinishAt, null);
    }

    JobState succeeded(String model, List<String> files, long trained, long now) {
        return status != JobStatus.RUNNING ? this
                : new JobState(JobStatus.SUCCEEDED, now, model, files, trained, null, null);
    }

    JobState failed(JobError why, long now) {
        return status.terminal() ? this
                : new JobState(JobStatus.FAILED, now, null, List.of(), trainedTokens, null, why);
    }

    JobState cancelled(long now) {
        return status.terminal() ? this
                : new JobState(JobStatus.CANCELLED, now, null, List.of(), trainedTokens, null, null);
    }

    /** OpenAI's error of a failed job. */
    public record JobError(String code, String message, String param) {

        static JobError of(String code, String message) {
            return new JobError(code, message, null);
        }
    }
}
