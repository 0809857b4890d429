package dev.tailor.query.rest.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailor.query.rest.dto.Citation;

import java.util.List;

/** OpenAI's chat completion response, plus Tailor's {@code citations}. */
public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
                             CompletionUsage usage, List<Citation> citations) {

    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    public record Message(String role, String content) {
    }

    public record CompletionUsage(@JsonProperty("prompt_tokens") long promptTokens,
                                  @JsonProperty("completion_tokens") long completionTokens,
                                  @JsonProperty("total_tokens") long totalTokens) {

        public static CompletionUsage of(long prompt, long completion) {
            return new CompletionUsage(prompt, completion, prompt + completion);
        }
    }

    /**
     * One server-sent event of a streamed completion; the one with the finish reason carries the citations, and with
     * {@code stream_options.include_usage} a last one with no choices carries the usage.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices,
                        List<Citation> citations, CompletionUsage usage) {
    }

    public record ChunkChoice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content) {
    }
}
