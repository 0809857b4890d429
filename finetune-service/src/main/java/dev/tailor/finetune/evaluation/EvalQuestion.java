package dev.tailor.finetune.evaluation;

import java.util.List;

/**
 * A question the evaluator asks, with what a right answer must contain.
 *
 * @param facts          every one must be stated for the answer to count as right (for a gold question: its fact;
 *                       for a held-out pair: the key facts of its answer, see {@link KeyFacts})
 * @param alternatives   equally correct spellings of a single fact
 * @param reference      the reference answer, for answer similarity
 * @param expectRefusal  the asker may not read the answer: the right answer says it is not in what they may read
 * @param source         where the answer is ({@code gold} or {@code held-out}), for the report
 */
public record EvalQuestion(String id, String question, List<String> facts, List<String> alternatives,
                           String reference, boolean expectRefusal, String docId, String source) {

    public EvalQuestion {
        facts = List.copyOf(facts);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
