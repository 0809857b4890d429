package dev.tailor.query.chat;

import java.util.List;

/**
 * How the model should write, as the caller asked (OpenAI's parameters); null = the provider's default, except the
 * temperature, whose default is {@code tailor.query.chat.temperature}.
 */
public record Generation(Integer maxTokens, Double temperature, Double topP, List<String> stop, String user) {

    public Generation {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static Generation defaults() {
        return new Generation(null, null, null, List.of(), null);
    }

    Generation withTemperature(double fallback) {
        return temperature != null ? this : new Generation(maxTokens, fallback, topP, stop, user);
    }
}
