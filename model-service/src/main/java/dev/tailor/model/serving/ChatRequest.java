package dev.tailor.model.serving;

import java.util.List;
import java.util.Optional;

/**
 * What one generation needs, already validated by the REST layer.
 *
 * @param grammar a GBNF grammar the answer must follow (from a requested JSON schema), if any
 */
public record ChatRequest(List<Message> messages, int maxTokens, float temperature, Optional<Float> topP,
                          List<String> stop, Optional<Integer> seed, Optional<String> grammar) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
    }

    /** A chat message; roles are {@code system}, {@code user} and {@code assistant}. */
    public record Message(String role, String content) {
    }
}
