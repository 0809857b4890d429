package dev.tailor.query.routing;

import java.util.Optional;

/** The strategy actually used and, for {@code finetuned}, the model id to send to the provider. */
public record Route(Strategy strategy, Optional<String> model) {

    public static Route rag() {
        return new Route(Strategy.RAG, Optional.empty());
    }
}
