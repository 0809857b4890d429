package dev.tailor.finetune.evaluation;

import dev.tailor.contracts.GroupEvaluation;

import java.util.Arrays;
import java.util.Optional;

/** How a question is answered: the four ways the evaluator compares. */
public enum Strategy {
    /** The best permitted passages quoted, no language model. */
    EXTRACTIVE(GroupEvaluation.EXTRACTIVE, true, false),
    /** The base chat model on the permitted passages. */
    RAG(GroupEvaluation.RAG, true, false),
    /** The group's fine-tuned model alone, no retrieval: what it learned. */
    FINETUNED(GroupEvaluation.FINETUNED, false, true),
    /** The group's fine-tuned model on the permitted passages. */
    FINETUNED_RAG(GroupEvaluation.FINETUNED_RAG, true, true);

    private final String wire;
    private final boolean retrieves;
    private final boolean fineTuned;

    Strategy(String wire, boolean retrieves, boolean fineTuned) {
        this.wire = wire;
        this.retrieves = retrieves;
        this.fineTuned = fineTuned;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return wire;
    }

    public boolean retrieves() {
        return retrieves;
    }

    public boolean fineTuned() {
        return fineTuned;
    }

    public static Optional<Strategy> of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }
}
