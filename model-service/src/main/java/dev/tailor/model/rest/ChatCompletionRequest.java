package dev.tailor.model.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * OpenAI's chat completion request, as far as this service reads it. Fields it does not know are ignored, as
 * OpenAI-compatible servers do; fields it knows but cannot honour (several choices, tools) are refused by
 * {@link ChatRequests}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(
        String model,
        List<Message> messages,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Float temperature,
        @JsonProperty("top_p") Float topP,
        @JsonProperty("frequency_penalty") Float frequencyPenalty,
        @JsonProperty("presence_penalty") Float presencePenalty,
        JsonNode stop,
        Long seed,
        Integer n,
        JsonNode tools,
        @JsonProperty("response_format") JsonNode responseFormat,
        String user) {

    /** {@code content} is a string or OpenAI's array of parts (text parts only). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, JsonNode content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }

    boolean streamed() {
        return Boolean.TRUE.equals(stream);
    }

    boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
