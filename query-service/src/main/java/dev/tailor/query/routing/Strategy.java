package dev.tailor.query.routing;

import dev.tailor.contracts.GroupEvaluation;

import java.util.Arrays;
import java.util.Optional;

/** How a question is answered; the wire names are those of {@link GroupEvaluation}'s strategies. */
public enum Strategy {
    /** Quotes of the permitted passages, no model. */
    EXTRACTIVE(GroupEvaluation.EXTRACTIVE),
    /** The permitted passages in the prompt of the default chat model (extractive when chat is off). */
    RAG(GroupEvaluation.RAG),
    /** The fine-tuned model of a group the user belongs to, from what it learned; no retrieval, no citations. */
    FINETUNED(GroupEvaluation.FINETUNED),
    /** The fine-tuned model of a group the user belongs to, with the same permitted passages as RAG. */
    FINETUNED_RAG(GroupEvaluation.FINETUNED_RAG),
    /** What the latest evaluation of the user's group found best within the cost ceiling; RAG without one. */
    AUTO("auto");

    private final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether answering needs the group's fine-tuned model. */
    public boolean needsFineTunedModel() {
        return this == FINETUNED || this == FINETUNED_RAG;
    }

    public static Optional<Strategy> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
    }
}
