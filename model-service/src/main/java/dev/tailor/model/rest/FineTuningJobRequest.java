package dev.tailor.model.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI's request to create a fine-tuning job. Hyperparameters come at the top level (the older form) or under
 * {@code method.supervised.hyperparameters}; each is a number or {@code "auto"}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FineTuningJobRequest(String model,
                                   @JsonProperty("training_file") String trainingFile,
                                   @JsonProperty("validation_file") String validationFile,
                                   String suffix,
                                   Long seed,
                                   JsonNode hyperparameters,
                                   JsonNode method) {

    JsonNode effectiveHyperparameters() {
        JsonNode nested = method == null ? null : method.path("supervised").path("hyperparameters");
        return nested != null && nested.isObject() ? nested : hyperparameters;
    }
}
