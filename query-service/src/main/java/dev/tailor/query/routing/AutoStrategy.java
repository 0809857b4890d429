package dev.tailor.query.routing;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.GroupEvaluation.StrategyScore;
import dev.tailor.contracts.ModelPromotion;

import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code strategy=auto}: the strategy with the most accurate answers (ties: the cheaper) among those the latest
 * evaluation of the user's group measured within the cost ceiling and that can serve this user now. The fine-tuned
 * strategies count only when the user may be answered by the group's model and it is the model that was measured
 * (a model promoted since is not what the figures are about). No evaluation, or nothing within the ceiling: RAG.
 */
public final class AutoStrategy {

    private AutoStrategy() {
    }

    /**
     * @param evaluation the latest evaluation of the user's group
     * @param model      the group's serving model, when the user may be answered by it
     * @param ceiling    the most an answer may cost, if limited
     */
    public static Route choose(Optional<GroupEvaluation> evaluation, Optional<ModelPromotion> model, OptionalDouble ceiling) {
        if (evaluation.isEmpty()) {
            return Route.of(Strategy.RAG);
        }
        GroupEvaluation e = evaluation.get();
        Optional<String> measuredModel = model.map(ModelPromotion::modelId)
                .filter(id -> id.equals(e.fineTunedModel()));
        return e.strategies().stream()
                .filter(s -> ceiling.isEmpty() || s.costPerAnswer() <= ceiling.getAsDouble())
                .filter(s -> Strategy.fromWire(s.strategy()).filter(st -> st != Strategy.AUTO)
                        .filter(st -> !st.needsFineTunedModel() || measuredModel.isPresent()).isPresent())
                .max(Comparator.comparingDouble(StrategyScore::factAccuracy)
                        .thenComparing(Comparator.comparingDouble(StrategyScore::costPerAnswer).reversed()))
                .map(s -> {
                    Strategy strategy = Strategy.fromWire(s.strategy()).orElseThrow();
                    return strategy.needsFineTunedModel() ? Route.fineTuned(strategy, measuredModel.orElseThrow())
                            : Route.of(strategy);
                })
                .orElse(Route.of(Strategy.RAG));
    }
}
