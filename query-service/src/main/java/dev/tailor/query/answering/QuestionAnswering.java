package dev.tailor.query.answering;

import dev.tailor.contracts.QueryMetric;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.query.metrics.QueryMetricsPublisher;
import dev.tailor.runtime.rag.Prompt;
import dev.tailor.runtime.rag.PromptBuilder;
import dev.tailor.runtime.rag.RetrievedChunk;
import dev.tailor.runtime.rag.TokenEstimator;
import dev.tailor.runtime.rag.ChunkRetriever;
import dev.tailor.runtime.rag.ExtractiveAnswerer;
import dev.tailor.runtime.rag.RetrievedChunk;
import dev.tailor.query.routing.Route;
import dev.tailor.query.routing.Strategy;
import dev.tailor.query.routing.StrategyRouter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Answers a question under the user's roles: role-filtered retrieval, then the routed model (or the extractive
 * answerer) on a grounded prompt. With no permitted passage, says so without calling any model.
 */
@ApplicationScoped
public class QuestionAnswering {

    public static final String NOTHING_FOUND = "I found nothing you are allowed to read about this.";
    public static final String NO_MODEL = "none";

    private final ChunkRetriever retriever;
    private final StrategyRouter router;
    private final ChatAnswerer chat;
    private final QueryMetricsPublisher metrics;
    private final QueryConfig config;
    private final PromptBuilder prompts;
    private final ExtractiveAnswerer extractive;

    QuestionAnswering(ChunkRetriever retriever, StrategyRouter router, ChatAnswerer chat,
                      QueryMetricsPublisher metrics, QueryConfig config, PromptBuilder prompts,
                      ExtractiveAnswerer extractive) {
        this.retriever = retriever;
        this.router = router;
        this.chat = chat;
        this.metrics = metrics;
        this.config = config;
        this.prompts = prompts;
        this.extractive = extractive;
    }

    /** @param endpoint {@code ask} or {@code chat}, for the query metric */
    public Answer ask(String question, int topK, Strategy requested, Set<String> roles, String endpoint) {
        Retrieval r = retrieve(question, topK, requested, roles);
        Answer answer;
        if (r.chunks().isEmpty()) {
            answer = nothingFound(r.route());
        } else if (config.chat().enabled()) {
            answer = answer(r, chat.complete(r.prompt(), r.route().model()));
        } else {
            answer = extractive(question, r.prompt());
        }
        publish(answer, roles, endpoint, r.start());
        return answer;
    }

    /**
     * Like {@link #ask}, but the answer is handed out as the model writes it. Everything that can refuse the request
     * — routing, retrieval, a provider failing before its first token — happens before this returns, so that the
     * caller can still answer with an error status.
     */
    public AnswerStream askStreaming(String question, int topK, Strategy requested, Set<String> roles, String endpoint) {
        Retrieval r = retrieve(question, topK, requested, roles);
        if (r.chunks().isEmpty() || !config.chat().enabled()) {
            Answer answer = r.chunks().isEmpty() ? nothingFound(r.route()) : extractive(question, r.prompt());
            publish(answer, roles, endpoint, r.start());
            return AnswerStream.of(answer);
        }
        return chat.stream(r.prompt(), r.route().model(), completion -> publish(answer(r, completion), roles, endpoint, r.start()));
    }

    /** The route and the permitted passages of a question, and when answering it started. */
    private record Retrieval(Route route, List<RetrievedChunk> chunks, Prompt prompt, long start) {
    }

    private Retrieval retrieve(String question, int topK, Strategy requested, Set<String> roles) {
        long start = System.nanoTime();
        // Route first: a finetuned request nobody may serve fails fast, before any retrieval.
        Route route = router.route(requested, roles);
        List<RetrievedChunk> chunks = retriever.search(question, topK, roles);
        return new Retrieval(route, chunks, chunks.isEmpty() ? null : prompts.build(question, chunks), start);
    }

    private static Answer nothingFound(Route route) {
        return new Answer(NOTHING_FOUND, List.of(), route.strategy().wireName(), NO_MODEL, 0, 0, 0, false);
    }

    private Answer extractive(String question, Prompt prompt) {
        String text = extractive.answer(question, prompt.passages());
        return new Answer(text, prompt.passages(), Strategy.RAG.wireName(), ExtractiveAnswerer.MODEL,
                0, TokenEstimator.estimate(text), prompt.contextTokens(), true);
    }

    private static Answer answer(Retrieval r, ChatAnswerer.Completion c) {
        return new Answer(c.text(), r.prompt().passages(), r.route().strategy().wireName(), c.model(),
                c.promptTokens(), c.completionTokens(), r.prompt().contextTokens(), true);
    }

    private void publish(Answer answer, Set<String> roles, String endpoint, long start) {
        metrics.publish(new QueryMetric(List.copyOf(roles), endpoint, answer.strategy(), answer.model(),
                answer.citations().size(), answer.retrievedTokens(), answer.answered(), answer.promptTokens(),
                answer.completionTokens(), (System.nanoTime() - start) / 1_000_000, Instant.now()));
    }

    /** Role-filtered search only (no model); publishes its metric too. */
    public List<RetrievedChunk> search(String query, int topK, Set<String> roles) {
        long start = System.nanoTime();
        List<RetrievedChunk> chunks = retriever.search(query, topK, roles);
        long tokens = chunks.stream().mapToLong(TokenEstimator::tokens).sum();
        metrics.publish(new QueryMetric(List.copyOf(roles), "search", Strategy.RAG.wireName(), NO_MODEL,
                chunks.size(), tokens, !chunks.isEmpty(), 0, 0, (System.nanoTime() - start) / 1_000_000,
                Instant.now()));
        return chunks;
    }
}
