package dev.tailor.finetune.advice;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthetic groups on each side of each factor. */
class AdvisorTest {

    static final AdvisorPolicy POLICY = new AdvisorPolicy(50_000, 1.0, 1500, 500, 5,
            0.15, 0.60, 3.00, 2.0, 3, 1.5, 20, 0.25, 10, 0.01);

    /** Stable, large, large context, high volume, few groups: the case for fine-tuning. */
    static AdviceFigures fineTuneCase() {
        return new AdviceFigures("g-x", List.of("x"), 400, 4000, 2_000_000,
                20_000, 0.9, 6000, 6500, 300,
                0, 0.1, 0.1, 3, 240.0, 100.0, 2, null);
    }

    static AdviceFigures with(AdviceFigures f, long tokens, double changesPerDay7, double retrieved, double qpd, int groups) {
        return new AdviceFigures(f.groupId(), f.roles(), f.documents(), f.chunks(), tokens, qpd, f.answeredShare(),
                retrieved, Math.max(retrieved + 500, 600), f.completionTokensPerQuery(), changesPerDay7, changesPerDay7,
                f.changesPerDayLast30Days(), f.changesLast30Days(), f.medianHoursBetweenChanges(), f.quietHours(), groups,
                f.measured());
    }

    @Test
    void largeContextStableHighVolumeDataIsFineTuned() {
        var advice = Advisor.decide(fineTuneCase(), POLICY);
        assertThat(advice.recommendation()).isEqualTo(Recommendation.FINE_TUNE);
        assertThat(advice.costs().fineTuneMonthly()).isLessThan(advice.costs().ragMonthly());
        assertThat(advice.costs().breakEvenQueriesPerDay()).isNotNull().isLessThan(20_000);
        assertThat(advice.timeToMarket()).hasSize(2);
    }

    @Test
    void aSmallCorpusIsServedByRag() {
        var f = fineTuneCase();
        var advice = Advisor.decide(with(f, 10_000, 0.1, 6000, 20_000, 2), POLICY);
        assertThat(advice.recommendation()).isEqualTo(Recommendation.RAG);
        assertThat(advice.reasons().get(1)).as("after the missing evidence").contains("small");
    }

    @Test
    void fastChangingDataIsServedByRag() {
        var advice = Advisor.decide(with(fineTuneCase(), 2_000_000, 5.0, 6000, 20_000, 2), POLICY);
        assertThat(advice.recommendation()).isEqualTo(Recommendation.RAG);
        assertThat(advice.reasons().get(1)).as("after the missing evidence").contains("changes fast");
    }

    @Test
    void smallContextAtLowVolumeStaysRag() {
        var advice = Advisor.decide(with(fineTuneCase(), 2_000_000, 0.1, 300, 10, 2), POLICY);
        assertThat(advice.recommendation()).isEqualTo(Recommendation.RAG);
        assertThat(advice.costs().ragMonthly()).isLessThan(advice.costs().fineTuneMonthly());
    }

    @Test
    void manyGroupsCountTheGovernanceCostAndTurnFineTuningIntoHybrid() {
        var few = Advisor.decide(fineTuneCase(), POLICY);
        var many = Advisor.decide(with(fineTuneCase(), 2_000_000, 0.1, 6000, 20_000, 12), POLICY);
        assertThat(many.recommendation()).isEqualTo(Recommendation.HYBRID);
        assertThat(many.reasons()).anySatisfy(r -> assertThat(r).contains("12 permission groups"));
        assertThat(few.costs().governanceMonthly()).isEqualTo(20.0);
        assertThat(few.costs().fineTuneMonthly()).isEqualTo(few.costs().fineTuneTrainingMonthly()
                + few.costs().fineTuneInferenceMonthly() + few.costs().governanceMonthly());
    }

    @Test
    void costsFollowTheFormula() {
        var f = new AdviceFigures("g", List.of("r"), 1, 1, 1_000_000, 100, 1.0, 1000, 1200, 100,
                0, 0, 0, 2, null, null, 1, null);
        var c = Advisor.costs(f, POLICY);
        double rag = (1200 * 0.15 + 100 * 0.60) / 1e6;
        double ft = 2.0 * (200 * 0.15 + 100 * 0.60) / 1e6;
        assertThat(c.ragPerQuery()).isEqualTo(rag);
        assertThat(c.fineTunedPerQuery()).isEqualTo(ft);
        assertThat(c.ragMonthly()).isEqualTo(rag * 100 * 30);
        assertThat(c.trainingPerRun()).isEqualTo(1_000_000 * 1.5 * 3 * 3.00 / 1e6);
        assertThat(c.retrainsPerMonth()).isEqualTo(2);
        assertThat(c.breakEvenQueriesPerDay()).isEqualTo((c.trainingPerRun() * 2 + 20) / (30 * (rag - ft)));
    }
}
