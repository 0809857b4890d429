package dev.tailor.query.rest.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The subset of OpenAI's chat completion request Tailor uses; other fields (temperature...) are ignored. */
@Schema(description = "OpenAI-compatible chat completion request; the last user message is the question")
public record ChatCompletionRequest(
        @Schema(description = "tailor (auto), tailor-rag or tailor-finetuned", examples = "tailor-rag")
        @NotBlank(message = "model must not be blank") String model,
        @NotEmpty(message = "messages must not be empty") List<@Valid ChatMessage> messages,
        @Schema(description = "Answer as server-sent events, ending with data: [DONE]", examples = "false")
        Boolean stream,
        @Schema(description = "Tailor extension: passages to retrieve (1..50, default 5)", examples = "5")
        @JsonProperty("top_k")
        @Min(value = 1, message = "top_k must be between 1 and 50") @Max(value = 50, message = "top_k must be between 1 and 50")
        Integer topK) {
}
