package dev.tailor.query.routing;

import dev.tailor.query.config.QueryConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Chooses how a user's question is answered. A fine-tuned model is trained on its group's documents only, so it
 * may answer only users holding a role of that group. It answers with the same permitted retrieved passages as
 * RAG (grounding and citations stay; the passages are the user's own permitted ones).
 */
@ApplicationScoped
public class StrategyRouter {

    private final ModelRegistry registry;
    private final QueryConfig config;

    StrategyRouter(ModelRegistry registry, QueryConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public Route route(Strategy requested, Set<String> roles) {
        return switch (requested) {
            case RAG -> Route.rag();
            case FINETUNED -> eligible(roles).orElseThrow(() -> new NoEligibleModelException(
                    config.chat().enabled()
                            ? "no fine-tuned model may answer you yet (none has been promoted for a group of your roles); use strategy rag or auto"
                            : "fine-tuned models need a chat provider, and none is configured; use strategy rag or auto"));
            case AUTO -> eligible(roles).orElse(Route.rag());
        };
    }

    private Optional<Route> eligible(Set<String> roles) {
        if (!config.chat().enabled()) {
            return Optional.empty();
        }
        return registry.eligibleFor(roles).map(p -> new Route(Strategy.FINETUNED, Optional.of(p.modelId())));
    }
}
