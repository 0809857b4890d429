package dev.tailor.query.answering;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.tailor.query.metrics.QueryMeters;
import dev.tailor.query.prompting.Prompt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Asks the configured chat model (quarkus-langchain4j; any OpenAI-compatible endpoint). Timeouts and retries are
 * the provider's settings ({@code quarkus.langchain4j.openai.timeout}, {@code max-retries}). Failures become
 * {@link ChatUnavailableException} with a generic message: the provider's URL and error stay in the log.
 */
@ApplicationScoped
public class ChatAnswerer {

    private static final Logger LOG = Logger.getLogger(ChatAnswerer.class);

    // Injected directly (not through Instance) so that quarkus-langchain4j sees the injection point and creates the
    // bean; it is a client proxy, so nothing connects to the provider until the first call.
    private final ChatModel chatModel;
    private final QueryMeters meters;
    private final String defaultModel;

    ChatAnswerer(ChatModel chatModel, QueryMeters meters,
                 @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "gpt-4o-mini")
                 String defaultModel) {
        this.chatModel = chatModel;
        this.meters = meters;
        this.defaultModel = defaultModel;
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** A completion of {@code prompt} by {@code model} (a fine-tuned model id), or by the default chat model. */
    public Completion complete(Prompt prompt, Optional<String> model) {
        String modelName = model.orElse(defaultModel);
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .modelName(modelName)
                .build();
        long start = System.nanoTime();
        try {
            ChatResponse response = chatModel.chat(request);
            meters.recordLlm(modelName, System.nanoTime() - start, true);
            TokenUsage usage = response.tokenUsage();
            long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            meters.countTokens(modelName, in, out);
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            if (text == null || text.isBlank()) {
                throw new ChatUnavailableException("the chat model returned no answer; try again later");
            }
            return new Completion(text, modelName, in, out);
        } catch (ChatUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            meters.recordLlm(modelName, System.nanoTime() - start, false);
            LOG.warnf("chat model %s failed: %s", modelName, e.toString());
            throw new ChatUnavailableException("the chat model is unavailable or timed out; try again later");
        }
    }

    public record Completion(String text, String model, long promptTokens, long completionTokens) {
    }
}
