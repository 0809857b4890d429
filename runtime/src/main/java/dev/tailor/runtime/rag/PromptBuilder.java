package dev.tailor.runtime.rag;


import java.util.ArrayList;
import java.util.List;

/**
 * Builds a grounded prompt: numbered passages [1]..[n], best first, within a token budget, and instructions to
 * answer only from them and cite them. Only passages the retriever returned (already role-filtered) can appear.
 * In a conversation, the earlier turns that still fit the budget after the passages go before the question, the most
 * recent ones first kept: they let the model resolve "it" and "that", while the passages alone ground the answer.
 */
public final class PromptBuilder {

    public static final String SYSTEM = """
            You are Tailor, an assistant answering questions about the company's documents.
            Answer ONLY from the numbered context passages in the user's message; do not use other knowledge.
            Cite the passages you use with their numbers in square brackets, like [1] or [2][3].
            If the passages do not contain the answer, say that you could not find it in the documents you may read.
            Be concise.""";

    /** For a fine-tuned model answering from what it learned of its group's documents, without passages. */
    public static final String SYSTEM_WITHOUT_PASSAGES = """
            You are Tailor, an assistant answering questions about the company's documents.
            Answer from what you know of the company's documents. If you do not know, say so; do not guess.
            Be concise.""";

    private final int contextTokenBudget;

    public PromptBuilder(int contextTokenBudget) {
        if (contextTokenBudget <= 0) {
            throw new IllegalArgumentException("the context token budget must be positive: " + contextTokenBudget);
        }
        this.contextTokenBudget = contextTokenBudget;
    }

    /**
     * Takes passages in order while they fit in the budget. A first passage larger than the whole budget is cut to
     * fit, so that a question with permitted context is never sent without any.
     */
    public Prompt build(String question, List<RetrievedChunk> chunks) {
        return build(question, chunks, List.of());
    }

    /** The same, after the earlier turns of a conversation ({@code user} and {@code assistant}, oldest first). */
    public Prompt build(String question, List<RetrievedChunk> chunks, List<Turn> history) {
        List<RetrievedChunk> included = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        int used = 0;
        for (RetrievedChunk chunk : chunks) {
            int tokens = TokenEstimator.tokens(chunk);
            if (used + tokens > contextTokenBudget) {
                if (!included.isEmpty()) {
                    break;
                }
                chunk = truncated(chunk, contextTokenBudget);
                tokens = contextTokenBudget;
            }
            included.add(chunk);
            used += tokens;
            context.append('[').append(included.size()).append("] ").append(chunk.title()).append('\n')
                    .append(chunk.text().strip()).append("\n\n");
        }
        String user = "Context passages:\n\n" + context + "Question: " + question.strip();
        return new Prompt(SYSTEM, recent(history, contextTokenBudget - used), user, included, used);
    }

    /** A prompt without passages: the question after as much of the conversation as fits the budget. */
    public Prompt withoutPassages(String question, List<Turn> history) {
        return new Prompt(SYSTEM_WITHOUT_PASSAGES, recent(history, contextTokenBudget), question.strip(), List.of(), 0);
    }

    /** The latest turns whose tokens fit in {@code budget}, in their order. */
    static List<Turn> recent(List<Turn> history, int budget) {
        int start = history.size();
        int used = 0;
        while (start > 0) {
            int tokens = TokenEstimator.estimate(history.get(start - 1).content());
            if (used + tokens > budget) {
                break;
            }
            used += tokens;
            start--;
        }
        return List.copyOf(history.subList(start, history.size()));
    }

    private static RetrievedChunk truncated(RetrievedChunk c, int tokens) {
        int chars = Math.min(c.text().length(), tokens * TokenEstimator.CHARS_PER_TOKEN);
        return new RetrievedChunk(c.docId(), c.chunkIndex(), c.title(), c.text().substring(0, chars), c.score(),
                tokens, c.allowedRoles());
    }
}
