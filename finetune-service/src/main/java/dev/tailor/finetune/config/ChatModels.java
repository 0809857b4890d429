package dev.tailor.finetune.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Builds the OpenAI-compatible chat models the service asks, by name at run time: the models evaluated are not known at
 * build time (a candidate's id exists only once its training finished), so they cannot be CDI-configured AI services.
 * The provider's base URL and key serve unless generation or evaluation name their own.
 */
@ApplicationScoped
public class ChatModels {

    private final FinetuneConfig config;

    ChatModels(FinetuneConfig config) {
        this.config = config;
    }

    /** The question writer: one line of text per ask (a question), so it stops at the end of the line. */
    public ChatModel questionWriter() {
        var g = config.generation();
        return OpenAiChatModel.builder()
                .baseUrl(g.baseUrl().orElse(config.provider().baseUrl()).toString())
                .apiKey(key(g.apiKey()))
                .modelName(g.model())
                .temperature(g.temperature())
                .frequencyPenalty(g.frequencyPenalty())
                .maxTokens(g.maxTokens())
                .stop(java.util.List.of("\n"))
                .timeout(g.timeout())
                .maxRetries(2)
                .build();
    }

    /** A model under evaluation, asked greedily. */
    public ChatModel evaluated(String model) {
        var e = config.evaluation();
        return OpenAiChatModel.builder()
                .baseUrl(e.baseUrl().orElse(config.provider().baseUrl()).toString())
                .apiKey(key(e.apiKey()))
                .modelName(model)
                .temperature(0.0)
                .maxTokens(e.maxTokens())
                .timeout(e.timeout())
                .maxRetries(2)
                .build();
    }

    private String key(Optional<String> own) {
        return own.or(() -> config.provider().apiKey()).filter(k -> !k.isBlank()).orElse("none");
    }
}
