package dev.tailor.model.files;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An uploaded or produced file, in OpenAI's shape ({@code object: "file"}). */
public record StoredFile(String id, String object, long bytes, @JsonProperty("created_at") long createdAt,
                         String filename, String purpose, String status) {

    public static final String FINE_TUNE = "fine-tune";
    public static final String FINE_TUNE_RESULTS = "fine-tune-results";

    static StoredFile of(String id, long bytes, long createdAt, String filename, String purpose) {
        return new StoredFile(id, "file", bytes, createdAt, filename, purpose, "processed");
    }
}
