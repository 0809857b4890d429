package dev.tailor.query.routing;

import dev.tailor.contracts.ModelPromotion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StrategyRoutingTest {

    static ModelPromotion promotion(String group, String model, double score, String... roles) {
        return new ModelPromotion(group, model, "openai", "gpt-4o-mini", List.of(roles), "fp", score, null, Instant.now());
    }

    @Test
    void aUserGetsAGroupModelOnlyWhenHoldingARoleOfTheGroup() {
        ModelRegistry registry = new ModelRegistry();
        registry.apply("g-hr", promotion("g-hr", "ft:hr", 0.8, "hr"));

        assertThat(registry.eligibleFor(Set.of("hr", "public"))).map(ModelPromotion::modelId).contains("ft:hr");
        assertThat(registry.eligibleFor(Set.of("finance", "public"))).isEmpty();
    }

    @Test
    void aTombstoneWithdrawsTheModel() {
        ModelRegistry registry = new ModelRegistry();
        registry.apply("g-hr", promotion("g-hr", "ft:hr", 0.8, "hr"));
        registry.apply("g-hr", null);

        assertThat(registry.eligibleFor(Set.of("hr"))).isEmpty();
    }

    @Test
    void aLaterPromotionReplacesTheEarlierAndTheBestEligibleModelWins() {
        ModelRegistry registry = new ModelRegistry();
        registry.apply("g-eng", promotion("g-eng", "ft:eng-1", 0.5, "engineering"));
        registry.apply("g-eng", promotion("g-eng", "ft:eng-2", 0.6, "engineering"));
        registry.apply("g-pub", promotion("g-pub", "ft:pub", 0.9, "public"));

        assertThat(registry.all()).hasSize(2);
        assertThat(registry.eligibleFor(Set.of("engineering", "public"))).map(ModelPromotion::modelId).contains("ft:pub");
        assertThat(registry.eligibleFor(Set.of("engineering"))).map(ModelPromotion::modelId).contains("ft:eng-2");
    }
}
