package dev.tailor.query.answering;

import dev.tailor.contracts.QueryMetric;
import dev.tailor.query.chat.ChatCall;
import dev.tailor.query.chat.ChatEvent;
import dev.tailor.query.chat.ChatProvider;
import dev.tailor.query.chat.Completion;
import dev.tailor.query.chat.Generation;
import dev.tailor.query.metrics.QueryMetricsPublisher;
import dev.tailor.query.routing.Route;
import dev.tailor.query.routing.Strategy;
import dev.tailor.runtime.rag.ChunkRetriever;
import dev.tailor.runtime.rag.ExtractiveAnswerer;
import dev.tailor.runtime.rag.Prompt;
import dev.tailor.runtime.rag.PromptBuilder;
import dev.tailor.runtime.rag.RetrievedChunk;
import dev.tailor.runtime.rag.TokenEstimator;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers a question under the user's roles along a route: role-filtered retrieval (with a follow-up made standalone
 * first), then the routed model — or the extractive answerer — on a grounded prompt. With no permitted passage it
 * says so without calling any model. Only the fine-tuned strategy without retrieval answers without passages.
 */
@ApplicationScoped
public class QuestionAnswering {

    public static final String NOTHING_FOUND = "I found nothing you are allowed to read about this.";
    public static final String NO_MODEL = "none";
    static final int WORDS_PER_PIECE = 4;

    private final ChunkRetriever retriever;
    private final QuestionRewriter rewriter;
    private final ChatProvider chat;
    private final QueryMetricsPublisher metrics;
    private final PromptBuilder prompts;
    private final ExtractiveAnswerer extractive;

    QuestionAnswering(ChunkRetriever retriever, QuestionRewriter rewriter, ChatProvider chat,
                      QueryMetricsPublisher metrics, PromptBuilder prompts, ExtractiveAnswerer extractive) {
        this.retriever = retriever;
        this.rewriter = rewriter;
        this.chat = chat;
        this.metrics = metrics;
        this.prompts = prompts;
        this.extractive = extractive;
    }

    /** @param endpoint {@code ask} or {@code chat}, for the query metric */
    public Answer ask(Conversation conversation, Route route, int topK, Set<String> roles, Generation generation,
                      String endpoint) {
        Plan plan = plan(conversation, route, topK, roles);
        Answer answer = plan.byModel()
                ? answer(plan, chat.complete(plan.call(route, generation)))
                : plan.answerWithoutModel(generation);
        publish(answer, roles, endpoint, plan.start());
        return answer;
    }

    /**
     * Like {@link #ask}, but the answer comes piece by piece as it is written, ending with {@link AnswerEvent.Finished}.
     * Routing and retrieval happen before this returns, so their refusals are thrown here; a model failing before its
     * first token fails the stream before its first item.
     */
    public Multi<AnswerEvent> askStreaming(Conversation conversation, Route route, int topK, Set<String> roles,
                                           Generation generation, String endpoint) {
        Plan plan = plan(conversation, route, topK, roles);
        if (!plan.byModel()) {
            Answer answer = plan.answerWithoutModel(generation);
            publish(answer, roles, endpoint, plan.start());
            List<AnswerEvent> events = new ArrayList<>();
            pieces(answer.text()).forEach(p -> events.add(new AnswerEvent.Text(p)));
            events.add(new AnswerEvent.Finished(answer));
            return Multi.createFrom().iterable(events);
        }
        return chat.stream(plan.call(route, generation)).map(event -> {
            if (event instanceof ChatEvent.Delta delta) {
                return new AnswerEvent.Text(delta.text());
            }
            Answer answer = answer(plan, ((ChatEvent.Done) event).completion());
            publish(answer, roles, endpoint, plan.start());
            return new AnswerEvent.Finished(answer);
        });
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

    /** What answering a question takes: its route, the permitted passages, the prompt, and when it started. */
    private record Plan(Route route, String retrievalQuery, List<RetrievedChunk> chunks, Prompt prompt, boolean chatEnabled,
                        ExtractiveAnswerer extractive, long start) {

        boolean nothingFound() {
            return route.strategy() != Strategy.FINETUNED && chunks.isEmpty();
        }

        boolean byModel() {
            return !nothingFound() && chatEnabled && route.strategy() != Strategy.EXTRACTIVE;
        }

        ChatCall call(Route route, Generation generation) {
            return new ChatCall(route.model().orElse(null), prompt.messages(), generation);
        }

        Answer answerWithoutModel(Generation generation) {
            if (nothingFound()) {
                return new Answer(NOTHING_FOUND, List.of(), route.strategy().wireName(), NO_MODEL, 0, 0, 0, false, "stop");
            }
            Limited text = Limited.of(extractive.answer(retrievalQuery, prompt.passages()), generation);
            return new Answer(text.text(), prompt.passages(), route.strategy().wireName(), ExtractiveAnswerer.MODEL,
                    0, TokenEstimator.estimate(text.text()), prompt.contextTokens(), true, text.finishReason());
        }
    }

    private Plan plan(Conversation conversation, Route route, int topK, Set<String> roles) {
        long start = System.nanoTime();
        if (route.strategy() == Strategy.FINETUNED) {
            Prompt prompt = prompts.withoutPassages(conversation.question(), conversation.history());
            return new Plan(route, conversation.question(), List.of(), prompt, chat.enabled(), extractive, start);
        }
        String query = rewriter.standalone(conversation);
        List<RetrievedChunk> chunks = retriever.search(query, topK, roles);
        Prompt prompt = chunks.isEmpty() ? null : prompts.build(conversation.question(), chunks, conversation.history());
        return new Plan(route, query, chunks, prompt, chat.enabled(), extractive, start);
    }

    private static Answer answer(Plan plan, Completion c) {
        return new Answer(c.text(), plan.prompt().passages(), plan.route().strategy().wireName(), c.model(),
                c.promptTokens(), c.completionTokens(), plan.prompt().contextTokens(), true, c.finishReason());
    }

    private void publish(Answer answer, Set<String> roles, String endpoint, long start) {
        metrics.publish(new QueryMetric(List.copyOf(roles), endpoint, answer.strategy(), answer.model(),
                answer.citations().size(), answer.retrievedTokens(), answer.answered(), answer.promptTokens(),
                answer.completionTokens(), (System.nanoTime() - start) / 1_000_000, Instant.now()));
    }

    /** Splits text into pieces of a few words, keeping every character, so that joined pieces equal the text. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        String[] words = text.split("(?<=\\s)(?=\\S)");
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            piece.append(words[i]);
            if ((i + 1) % WORDS_PER_PIECE == 0) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        return pieces;
    }
}
