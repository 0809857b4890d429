package dev.tailor.model.serving;

/** What a generation emits: pieces of text as the model writes them, then one {@link Finished}. */
public sealed interface GenerationEvent {

    record Delta(String text) implements GenerationEvent {
    }

    /** @param finishReason OpenAI's: {@code stop} (end of answer or a stop sequence) or {@code length} (max_tokens) */
    record Finished(int promptTokens, int completionTokens, String finishReason) implements GenerationEvent {
    }
}
