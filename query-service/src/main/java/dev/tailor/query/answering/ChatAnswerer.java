package dev.tailor.query.answering;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import dev.tailor.query.metrics.QueryMeters;
import dev.tailor.runtime.rag.Prompt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Asks the configured chat model (quarkus-langchain4j; any OpenAI-compatible endpoint), for a whole completion or
 * a streamed one. Timeouts and retries are the provider's settings ({@code quarkus.langchain4j.openai.timeout},
 * {@code max-retries}); a stream also fails when the provider is silent for the timeout. Failures become
 * {@link ChatUnavailableException} with a generic message: the provider's URL and error stay in the log.
 */
@ApplicationScoped
public class ChatAnswerer {

    private static final Logger LOG = Logger.getLogger(ChatAnswerer.class);

    // Injected directly (not through Instance) so that quarkus-langchain4j sees the injection point and creates the
    // bean; it is a client proxy, so nothing connects to the provider until the first call.
    private final ChatModel chatModel;
    private final StreamingChatModel streamingChatModel;
    private final QueryMeters meters;
    private final String defaultModel;
    private final Duration timeout;

    ChatAnswerer(ChatModel chatModel, StreamingChatModel streamingChatModel, QueryMeters meters,
                 @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "gpt-4o-mini")
                 String defaultModel,
                 @ConfigProperty(name = "quarkus.langchain4j.openai.timeout", defaultValue = "30s") Duration timeout) {
        this.chatModel = chatModel;
        this.streamingChatModel = streamingChatModel;
        this.meters = meters;
        this.defaultModel = defaultModel;
        this.timeout = timeout;
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** A completion of {@code prompt} by {@code model} (a fine-tuned model id), or by the default chat model. */
    public Completion complete(Prompt prompt, Optional<String> model) {
        String modelName = model.orElse(defaultModel);
        ChatRequest request = request(prompt, modelName);
        long start = System.nanoTime();
        try {
            Completion completion = completed(modelName, chatModel.chat(request), start);
            if (completion.text().isBlank()) {
                throw new ChatUnavailableException("the chat model returned no answer; try again later");
            }
            return completion;
        } catch (ChatUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            meters.recordLlm(modelName, System.nanoTime() - start, false);
            LOG.warnf("chat model %s failed: %s", modelName, e.toString());
            throw new ChatUnavailableException("the chat model is unavailable or timed out; try again later");
        }
    }

    /**
     * Starts a streamed completion and waits for its first event: a provider that fails or stays silent before its
     * first token is a {@link ChatUnavailableException} here, while the request can still answer 503.
     *
     * @param onComplete called with the completion once the model has finished
     */
    AnswerStream stream(Prompt prompt, Optional<String> model, Consumer<Completion> onComplete) {
        String modelName = model.orElse(defaultModel);
        CompletionStream stream = new CompletionStream(timeout);
        long start = System.nanoTime();
        try {
            streamingChatModel.chat(request(prompt, modelName), new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String text) {
                    stream.delta(text);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    stream.complete(completed(modelName, response, start));
                }

                @Override
                public void onError(Throwable error) {
                    meters.recordLlm(modelName, System.nanoTime() - start, false);
                    LOG.warnf("chat model %s failed while streaming: %s", modelName, error.toString());
                    stream.fail(error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("chat model %s failed: %s", modelName, e.toString());
            stream.fail(e.toString());
        }
        CompletionStream.Event first = stream.next();
        if (first instanceof CompletionStream.Failed failed) {
            LOG.debugf("no streamed answer from %s: %s", modelName, failed.why());
            throw new ChatUnavailableException("the chat model is unavailable or timed out; try again later");
        }
        return AnswerStream.streaming(prompt.passages(), first, stream, onComplete);
    }

    /** The completion a response holds, with its latency and tokens recorded. */
    private Completion completed(String modelName, ChatResponse response, long start) {
        meters.recordLlm(modelName, System.nanoTime() - start, true);
        TokenUsage usage = response.tokenUsage();
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        meters.countTokens(modelName, in, out);
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return new Completion(text == null ? "" : text, modelName, in, out);
    }

    private static ChatRequest request(Prompt prompt, String modelName) {
        return ChatRequest.builder()
                .messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
                .modelName(modelName)
                .build();
    }

    public record Completion(String text, String model, long promptTokens, long completionTokens) {
    }
}
