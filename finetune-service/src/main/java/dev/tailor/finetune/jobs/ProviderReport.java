package dev.tailor.finetune.jobs;

import dev.tailor.finetune.training.ProviderJobStatus;

import java.util.List;

/**
 * What one poll of the provider said about a job: its state, and the progress in its events.
 *
 * @param losses     training loss by step, from the provider's metrics events (empty if it reports none)
 * @param totalSteps and {@code etaSeconds} from the newest metrics event, if the provider reports them
 */
public record ProviderReport(ProviderJobStatus status, String fineTunedModel, String error, List<String> messages,
                             List<JobRecord.LossPoint> losses, Integer totalSteps, Long etaSeconds) {

    public ProviderReport {
        messages = messages == null ? List.of() : List.copyOf(messages);
        losses = losses == null ? List.of() : List.copyOf(losses);
    }
}
