package dev.tailor.finetune.advice;

import com.fasterxml.jackson.annotation.JsonValue;

/** The customization method that fits a group. */
public enum Recommendation {
    RAG("rag"), FINE_TUNE("fine-tune"), HYBRID("hybrid");

    private final String wire;

    Recommendation(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
