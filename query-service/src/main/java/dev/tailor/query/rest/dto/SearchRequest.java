package dev.tailor.query.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A search over the passages the caller may read")
public record SearchRequest(
        @Schema(description = "Keywords or a question", examples = "How do we rotate the on-call pager?")
        @NotBlank(message = "query must not be blank") @Size(max = 4000, message = "query must be at most 4000 characters")
        String query,
        @Schema(description = "How many passages to return (1..50, default 5)", examples = "5")
        @Min(value = 1, message = "topK must be between 1 and 50") @Max(value = 50, message = "topK must be between 1 and 50")
        Integer topK) {
}
