package dev.tailor.model.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tailor.model.training.FineTuningJob;
import dev.tailor.model.training.JobSpec;
import dev.tailor.model.training.JobState;

import java.util.List;
import java.util.Map;

/** OpenAI's {@code fine_tuning.job}: the stored job's request and state, flattened. */
public record FineTuningJobObject(String object, String id,
                                  @JsonProperty("created_at") long createdAt,
                                  @JsonProperty("organization_id") String organizationId,
                                  @JsonUnwrapped JobSpec spec,
                                  @JsonUnwrapped JobState state,
                                  List<Object> integrations,
                                  Map<String, Object> method) {

    static FineTuningJobObject of(FineTuningJob job) {
        return new FineTuningJobObject("fine_tuning.job", job.id(), job.createdAt(), "org-tailor", job.spec(),
                job.state(), List.of(), Map.of("type", "supervised",
                        "supervised", Map.of("hyperparameters", job.spec().hyperparameters())));
    }
}
