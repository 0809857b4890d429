package dev.tailor.query.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a question is answered. */
public enum Strategy {
    /** Retrieved permitted passages in the prompt of the default chat model (or extractive). */
    RAG,
    /** The fine-tuned model of a permission group the user belongs to, with the same permitted passages. */
    FINETUNED,
    /** FINETUNED when the user has an eligible model, else RAG. */
    AUTO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Strategy> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
