package dev.tailor.finetune.training;

import java.util.Locale;

/** Provider job states, normalised (OpenAI: validating_files, queued, running, succeeded, failed, cancelled). */
public enum ProviderJobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public static ProviderJobStatus fromOpenAi(String status) {
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "validating_files", "queued", "pending" -> QUEUED;
            case "running" -> RUNNING;
            case "succeeded" -> SUCCEEDED;
            case "cancelled" -> CANCELLED;
            case "failed" -> FAILED;
            default -> throw new IllegalArgumentException("unknown fine-tuning job status: " + status);
        };
    }
}
