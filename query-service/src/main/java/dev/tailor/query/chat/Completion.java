package dev.tailor.query.chat;

/**
 * A model's whole answer, with the tokens the provider reported.
 *
 * @param finishReason {@code stop}, or {@code length} when max_tokens cut it
 */
public record Completion(String text, String model, long promptTokens, long completionTokens, String finishReason) {
}
