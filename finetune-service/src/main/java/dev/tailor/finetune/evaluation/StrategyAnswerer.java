package dev.tailor.finetune.evaluation;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.tailor.finetune.config.ChatModels;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.runtime.rag.ChunkRetriever;
import dev.tailor.runtime.rag.ExtractiveAnswerer;
import dev.tailor.runtime.rag.Prompt;
import dev.tailor.runtime.rag.PromptBuilder;
import dev.tailor.runtime.rag.RetrievedChunk;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a question under a strategy for askers holding some roles, the way Tailor answers its users: the same
 * role-filtered retrieval, prompt and extractive answerer as query-service (tailor-runtime), the same model provider;
 * a fine-tuned model alone gets the system prompt it was trained with. With no permitted passage the answer is
 * query-service's refusal, without asking a model.
 */
@ApplicationScoped
public class StrategyAnswerer {

    public static final String NOTHING_FOUND = "I found nothing you are allowed to read about this.";

    /** An answer, the passages it was given and what it cost. */
    public record Answered(String text, List<RetrievedChunk> passages, long promptTokens, long completionTokens,
                           long latencyMillis) {
    }

    private final ChunkRetriever retriever;
    private final PromptBuilder prompts;
    private final ExtractiveAnswerer extractive;
    private final ChatModels chatModels;
    private final FinetuneConfig config;
    private final Map<String, ChatModel> models = new ConcurrentHashMap<>();

    StrategyAnswerer(ChunkRetriever retriever, PromptBuilder prompts, ExtractiveAnswerer extractive,
                     ChatModels chatModels, FinetuneConfig config) {
        this.retriever = retriever;
        this.prompts = prompts;
        this.extractive = extractive;
        this.chatModels = chatModels;
        this.config = config;
    }

    /** @param fineTunedModel the group's model, for the fine-tuned strategies */
    public Answered answer(String question, Strategy strategy, Collection<String> roles, String fineTunedModel) {
        long start = System.nanoTime();
        String model = strategy.fineTuned() ? fineTunedModel : config.evaluation().baseChatModel();
        if (!strategy.retrieves()) {
            ChatResponse response = model(model).chat(SystemMessage.from(config.dataset().systemPrompt()),
                    UserMessage.from(question));
            return answered(response, List.of(), start);
        }
        List<RetrievedChunk> chunks = retriever.search(question, config.evaluation().topK(), roles);
        if (chunks.isEmpty()) {
            return new Answered(NOTHING_FOUND, List.of(), 0, 0, millis(start));
        }
        Prompt prompt = prompts.build(question, chunks);
        if (strategy == Strategy.EXTRACTIVE) {
            return new Answered(extractive.answer(question, prompt.passages()), prompt.passages(), 0, 0, millis(start));
        }
        ChatResponse response = model(model).chat(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()));
        return answered(response, prompt.passages(), start);
    }

    private ChatModel model(String name) {
        return models.computeIfAbsent(name, chatModels::evaluated);
    }

    private static Answered answered(ChatResponse response, List<RetrievedChunk> passages, long start) {
        var usage = response.tokenUsage();
        String text = response.aiMessage() == null || response.aiMessage().text() == null ? "" : response.aiMessage().text();
        return new Answered(text, passages,
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(), millis(start));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
