package dev.tailor.query.rest.openai;

import dev.tailor.query.routing.Strategy;

import java.util.Map;
import java.util.Optional;

/** The model names Tailor exposes on its OpenAI-compatible API for its strategies. */
public final class TailorModels {

    public static final Map<String, Strategy> BY_NAME = Map.of(
            "tailor", Strategy.AUTO,
            "tailor-rag", Strategy.RAG,
            "tailor-extractive", Strategy.EXTRACTIVE,
            "tailor-finetuned", Strategy.FINETUNED,
            "tailor-finetuned-rag", Strategy.FINETUNED_RAG);

    private TailorModels() {
    }

    public static Optional<Strategy> strategy(String model) {
        return Optional.ofNullable(BY_NAME.get(model));
    }
}
