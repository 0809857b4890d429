package dev.tailor.finetune.evaluation;

/**
 * One question asked under one strategy, and how the answer scored.
 *
 * @param factCorrect     the answer states the reference fact(s) (false for a question that expects a refusal)
 * @param refusalCorrect  for a question the asker may not read: the answer refused and did not state the fact
 * @param citationCorrect for a right answer with retrieval: one of its cited passages contains the fact
 */
public record QuestionOutcome(String id, String question, String strategy, String answer, boolean expectRefusal,
                              boolean factCorrect, Boolean refusalCorrect, Boolean citationCorrect, double similarity,
                              long promptTokens, long completionTokens, long latencyMillis, String source) {

    static final int MAX_ANSWER = 400;

    static String shortened(String answer) {
        return answer == null ? "" : answer.length() <= MAX_ANSWER ? answer : answer.substring(0, MAX_ANSWER) + "…";
    }
}
