package dev.tailor.model.serving;

/** The rendered prompt plus the requested answer length does not fit the model's context window. */
public class PromptTooLongException extends RuntimeException {

    public PromptTooLongException(int promptTokens, int maxTokens, int contextSize) {
        super("This model's maximum context length is " + contextSize + " tokens. However, you requested "
                + (promptTokens + maxTokens) + " tokens (" + promptTokens + " in the messages, " + maxTokens
                + " in the completion). Please reduce the length of the messages or completion.");
    }
}
