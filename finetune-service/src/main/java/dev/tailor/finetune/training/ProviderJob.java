package dev.tailor.finetune.training;

/**
 * A provider's view of a fine-tuning job.
 *
 * @param fineTunedModel the resulting model id, once {@link ProviderJobStatus#SUCCEEDED}
 * @param error          the provider's reason when it failed
 */
public record ProviderJob(String id, ProviderJobStatus status, String fineTunedModel, String error) {
}
