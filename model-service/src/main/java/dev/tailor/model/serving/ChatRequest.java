package dev.tailor.model.serving;

import java.util.List;
import java.util.Optional;

/**
 * What one generation needs, already validated by the REST layer.
 *
 * @param grammar a GBNF grammar the answer must follow (from a requested JSON schema), if any
 * @param frequencyPenalty OpenAI's, 0 = off: against a token in proportion to how often it was just written
 * @param presencePenalty OpenAI's, 0 = off: against any token just written
 */
public record ChatRequest(List<Message> messages, int maxTokens, float temperature, Optional<Float> topP,
                          List<String> stop, Optional<Integer> seed, Optional<String> grammar,
                          float frequencyPenalty, float presencePenalty) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
    }

    /** A chat message; roles are {@code system}, {@code user} and {@code assistant}. */
    public record Message(String role, String content) {
    }
}
