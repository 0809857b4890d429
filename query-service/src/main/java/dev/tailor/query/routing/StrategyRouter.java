package dev.tailor.query.routing;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.query.config.QueryConfig;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Chooses how a user's question is answered. A group's fine-tuned model is trained on the group's documents only, so
 * it answers only users holding a role of that group, under every strategy: an explicit one, {@code auto}, or the
 * model asked for by name.
 */
@ApplicationScoped
public class StrategyRouter {

    private final RoutingState state;
    private final QueryConfig config;

    StrategyRouter(RoutingState state, QueryConfig config) {
        this.state = state;
        this.config = config;
    }

    @WithSpan("route")
    public Route route(Strategy requested, Set<String> roles) {
        return switch (requested) {
            case EXTRACTIVE, RAG -> Route.of(requested);
            case FINETUNED, FINETUNED_RAG -> eligible(roles).map(m -> Route.fineTuned(requested, m.modelId()))
                    .orElseThrow(this::noModel);
            case AUTO -> {
                Optional<ModelPromotion> model = eligible(roles);
                yield AutoStrategy.choose(state.evaluationFor(roles, model), model,
                        config.routing().autoCostCeiling().map(OptionalDouble::of).orElse(OptionalDouble.empty()));
            }
        };
    }

    /** {@code modelId} with the permitted passages, if this user may be answered by it. */
    public Optional<Route> routeToModel(String modelId, Set<String> roles) {
        if (!config.chat().enabled()) {
            return Optional.empty();
        }
        return state.registry().usable(modelId, roles).map(m -> Route.fineTuned(Strategy.FINETUNED_RAG, m.modelId()));
    }

    /** The group models this user may be answered by (none without a chat provider). */
    public java.util.List<ModelPromotion> usableModels(Set<String> roles) {
        return config.chat().enabled() ? state.registry().usableBy(roles) : java.util.List.of();
    }

    private Optional<ModelPromotion> eligible(Set<String> roles) {
        return config.chat().enabled() ? state.registry().eligibleFor(roles) : Optional.empty();
    }

    private NoEligibleModelException noModel() {
        return new NoEligibleModelException(config.chat().enabled()
                ? "no fine-tuned model may answer you yet (none has been promoted for a group of your roles); use strategy rag or auto"
                : "fine-tuned models need a chat provider, and none is configured; use strategy rag or auto");
    }
}
