package dev.tailor.runtime.rag;


import java.util.ArrayList;
import java.util.List;

/**
 * Builds a grounded prompt: numbered passages [1]..[n], best first, within a token budget, and instructions to
 * answer only from them and cite them. Only passages the retriever returned (already role-filtered) can appear.
 */
public final class PromptBuilder {

    public static final String SYSTEM = """
            You are Tailor, an assistant answering questions about the company's documents.
            Answer ONLY from the numbered context passages in the user's message; do not use other knowledge.
            Cite the passages you use with their numbers in square brackets, like [1] or [2][3].
            If the passages do not contain the answer, say that you could not find it in the documents you may read.
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
        return new Prompt(SYSTEM, user, List.copyOf(included), used);
    }

    private static RetrievedChunk truncated(RetrievedChunk c, int tokens) {
        int chars = Math.min(c.text().length(), tokens * TokenEstimator.CHARS_PER_TOKEN);
        return new RetrievedChunk(c.docId(), c.chunkIndex(), c.title(), c.text().substring(0, chars), c.score(),
                tokens, c.allowedRoles());
    }
}
