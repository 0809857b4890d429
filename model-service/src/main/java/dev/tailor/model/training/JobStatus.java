package dev.tailor.model.training;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** OpenAI's fine-tuning job states; the last three are final. */
public enum JobStatus {
    VALIDATING_FILES, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
