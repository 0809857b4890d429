package dev.tailor.query.rest.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * OpenAI's chat completion request. Every field OpenAI defines is either honoured or refused with a message naming
 * it; fields it does not define are ignored, as OpenAI-compatible servers do.
 */
@Schema(description = "OpenAI-compatible chat completion request: the last user message is the question, the earlier "
        + "user and assistant messages its conversation")
public record ChatCompletionRequest(
        @Schema(description = "tailor (auto), tailor-rag, tailor-extractive, tailor-finetuned, tailor-finetuned-rag, "
                + "or a fine-tuned group model you may use (GET /v1/models)", examples = "tailor-rag")
        @NotBlank(message = "model must not be blank") String model,
        @NotEmpty(message = "messages must not be empty") List<@Valid ChatMessage> messages,
        @Schema(description = "Answer as server-sent events, ending with data: [DONE]", examples = "false")
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @Schema(description = "Most tokens of the answer (also max_completion_tokens)")
        @JsonProperty("max_tokens") @Min(value = 1, message = "max_tokens must be at least 1") Integer maxTokens,
        @JsonProperty("max_completion_tokens") @Min(value = 1, message = "max_completion_tokens must be at least 1")
        Integer maxCompletionTokens,
        @Min(value = 0, message = "temperature must be between 0 and 2") @Max(value = 2, message = "temperature must be between 0 and 2")
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @Schema(type = SchemaType.ARRAY, implementation = String.class, description = "A string or up to 4 strings")
        JsonNode stop,
        @Schema(description = "The end user, passed on to the chat provider (never stored by Tailor)")
        String user,
        @Schema(description = "Only 1: one choice per request") Integer n,
        @Schema(hidden = true) JsonNode tools,
        @Schema(hidden = true) JsonNode functions,
        @Schema(hidden = true) @JsonProperty("tool_choice") JsonNode toolChoice,
        @Schema(hidden = true) @JsonProperty("response_format") JsonNode responseFormat,
        @Schema(hidden = true) Boolean logprobs,
        @Schema(description = "Tailor extension: passages to retrieve (1..50, default 5)", examples = "5")
        @JsonProperty("top_k")
        @Min(value = 1, message = "top_k must be between 1 and 50") @Max(value = 50, message = "top_k must be between 1 and 50")
        Integer topK) {

    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    public boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    public boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
