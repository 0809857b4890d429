package dev.tailor.finetune.training;

import java.nio.file.Path;
import java.util.List;

/** A service that fine-tunes models. Implementations retry transient failures themselves. */
public interface TrainingProvider {

    /** Name recorded in promotions, e.g. {@code openai}. */
    String name();

    /** Uploads a chat-format JSONL training file; returns the provider's file id. */
    String uploadTrainingFile(Path jsonl);

    /** Creates a fine-tuning job; {@code suffix} makes the resulting model id recognisable. */
    ProviderJob createJob(String trainingFileId, String baseModel, String suffix);

    ProviderJob job(String jobId);

    /** The job's recent events, oldest first, as plain messages. */
    List<String> events(String jobId);

    ProviderJob cancel(String jobId);

    /** A provider call failed for good: retries are exhausted or the error is not transient. */
    final class ProviderException extends RuntimeException {
        private final boolean notFound;

        public ProviderException(String message, boolean notFound, Throwable cause) {
            super(message, cause);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }
}
