package dev.tailor.query.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** What is read of the provider's answers; everything else is ignored, as OpenAI clients do. */
public final class ProviderResponse {

    private ProviderResponse() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Completion(String model, List<Choice> choices, Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(Message message, Message delta, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") long promptTokens,
                        @JsonProperty("completion_tokens") long completionTokens) {
    }

    /** One streamed chunk ({@code chat.completion.chunk}), or an error event ({@code {"error": {...}}}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chunk(List<Choice> choices, Usage usage, Error error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String message) {
    }
}
