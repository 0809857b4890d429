package dev.tailor.model.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What was asked of a fine-tuning job; it never changes once the job exists. Field names are OpenAI's. */
public record JobSpec(String model,
                      @JsonProperty("training_file") String trainingFile,
                      @JsonProperty("validation_file") String validationFile,
                      @JsonProperty("user_provided_suffix") String suffix,
                      Hyperparameters hyperparameters,
                      long seed) {

    /** The training settings, with "auto" already resolved to this service's defaults. */
    public record Hyperparameters(@JsonProperty("n_epochs") int epochs,
                                  @JsonProperty("batch_size") int batchSize,
                                  @JsonProperty("learning_rate_multiplier") double learningRateMultiplier) {
    }
}
