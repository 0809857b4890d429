package dev.tailor.query.routing;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.GroupEvaluation.StrategyScore;
import dev.tailor.contracts.ModelPromotion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StrategyRoutingTest {

    static ModelPromotion promotion(String group, String model, double score, String... roles) {
        return new ModelPromotion(group, model, "openai", "gpt-4o-mini", List.of(roles), "fp", score, null, Instant.now());
    }

    static StrategyScore score(String strategy, double accuracy, double cost) {
        return new StrategyScore(strategy, 60, accuracy, null, null, 0.5, 500, 40, cost, 900);
    }

    static GroupEvaluation evaluation(String model, StrategyScore... scores) {
        return new GroupEvaluation("g-eng", List.of("engineering"), "ev-1", Instant.now(), model, List.of(scores), null);
    }

    @Test
    void aUserGetsAGroupModelOnlyWhenHoldingARoleOfTheGroup() {
        ModelRegistry registry = new ModelRegistry(List.of(promotion("g-hr", "ft:hr", 0.8, "hr")));

        assertThat(registry.eligibleFor(Set.of("hr", "public"))).map(ModelPromotion::modelId).contains("ft:hr");
        assertThat(registry.eligibleFor(Set.of("finance", "public"))).isEmpty();
        assertThat(registry.usable("ft:hr", Set.of("finance", "public"))).isEmpty();
        assertThat(registry.usableBy(Set.of("finance", "public"))).isEmpty();
    }

    @Test
    void theBestEligibleModelWinsAndEveryUsableOneIsListed() {
        ModelRegistry registry = new ModelRegistry(List.of(promotion("g-eng", "ft:eng", 0.6, "engineering"),
                promotion("g-pub", "ft:pub", 0.9, "public")));

        assertThat(registry.eligibleFor(Set.of("engineering", "public"))).map(ModelPromotion::modelId).contains("ft:pub");
        assertThat(registry.eligibleFor(Set.of("engineering"))).map(ModelPromotion::modelId).contains("ft:eng");
        assertThat(registry.usableBy(Set.of("engineering", "public"))).extracting(ModelPromotion::modelId)
                .containsExactly("ft:pub", "ft:eng");
    }

    @Test
    void autoWithoutAnEvaluationIsRag() {
        assertThat(AutoStrategy.choose(Optional.empty(), Optional.empty(), OptionalDouble.empty()))
                .isEqualTo(Route.of(Strategy.RAG));
    }

    @Test
    void autoTakesTheMostAccurateStrategyWithinTheCostCeiling() {
        ModelPromotion model = promotion("g-eng", "ft:eng", 0.7, "engineering");
        GroupEvaluation e = evaluation("ft:eng", score("extractive", 0.40, 0.0), score("rag", 0.70, 0.002),
                score("finetuned", 0.55, 0.0005), score("finetuned+rag", 0.80, 0.003));

        assertThat(AutoStrategy.choose(Optional.of(e), Optional.of(model), OptionalDouble.empty()))
                .isEqualTo(Route.fineTuned(Strategy.FINETUNED_RAG, "ft:eng"));
        assertThat(AutoStrategy.choose(Optional.of(e), Optional.of(model), OptionalDouble.of(0.0025)))
                .isEqualTo(Route.of(Strategy.RAG));
        assertThat(AutoStrategy.choose(Optional.of(e), Optional.of(model), OptionalDouble.of(0.001)))
                .isEqualTo(Route.fineTuned(Strategy.FINETUNED, "ft:eng"));
        assertThat(AutoStrategy.choose(Optional.of(e), Optional.of(model), OptionalDouble.of(0.0)))
                .isEqualTo(Route.of(Strategy.EXTRACTIVE));
    }

    @Test
    void equalAccuracyGoesToTheCheaper() {
        GroupEvaluation e = evaluation(null, score("rag", 0.7, 0.002), score("extractive", 0.7, 0.0));

        assertThat(AutoStrategy.choose(Optional.of(e), Optional.empty(), OptionalDouble.empty()))
                .isEqualTo(Route.of(Strategy.EXTRACTIVE));
    }

    @Test
    void theGroupModelIsNeverChosenForAUserWhoMayNotUseItNorWhenItIsNotTheModelMeasured() {
        GroupEvaluation e = evaluation("ft:eng", score("rag", 0.5, 0.002), score("finetuned", 0.9, 0.001));

        // the user is outside the group: the router passes no model
        assertThat(AutoStrategy.choose(Optional.of(e), Optional.empty(), OptionalDouble.empty()))
                .isEqualTo(Route.of(Strategy.RAG));
        // a model promoted after the evaluation is not what its figures are about
        assertThat(AutoStrategy.choose(Optional.of(e), Optional.of(promotion("g-eng", "ft:eng-2", 0.9, "engineering")),
                OptionalDouble.empty())).isEqualTo(Route.of(Strategy.RAG));
    }
}
