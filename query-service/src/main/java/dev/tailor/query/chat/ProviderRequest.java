package dev.tailor.query.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailor.runtime.rag.Turn;

import java.util.List;

/** A chat completion request as sent to the provider: only the fields that have a value. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProviderRequest(
        String model,
        List<Turn> messages,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("max_tokens") Integer maxTokens,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        List<String> stop,
        String user) {

    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }

    static ProviderRequest of(ChatCall call, boolean stream) {
        Generation g = call.generation();
        return new ProviderRequest(call.model(), call.messages(), stream ? true : null,
                stream ? new StreamOptions(true) : null, g.maxTokens(), g.temperature(), g.topP(),
                g.stop(), g.user());
    }
}
