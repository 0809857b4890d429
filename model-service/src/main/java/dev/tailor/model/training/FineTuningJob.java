package dev.tailor.model.training;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.function.UnaryOperator;

/** A fine-tuning job as the store keeps it: what was asked, and where it is. */
public record FineTuningJob(String id, @JsonProperty("created_at") long createdAt, JobSpec spec, JobState state) {

    FineTuningJob with(UnaryOperator<JobState> transition) {
        return new FineTuningJob(id, createdAt, spec, transition.apply(state));
    }
}
