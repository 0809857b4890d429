package dev.tailor.finetune.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.net.URI;
import java.time.Duration;

/**
 * Builds OpenAI-compatible chat models by name at run time. The models asked here are not known at build time
 * (a candidate's id exists only once its training finished), so they cannot be CDI-configured AI services.
 */
public final class ChatModels {

    private ChatModels() {
    }

    public static ChatModel openAiCompatible(URI baseUrl, String apiKey, String model, Duration timeout) {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl.toString())
                .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
                .modelName(model)
                .temperature(0.0)
                .timeout(timeout)
                .maxRetries(2)
                .build();
    }
}
