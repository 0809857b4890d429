package dev.tailor.finetune.advice;

import dev.tailor.contracts.GroupEvaluation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The measured factor: two groups alike in every other figure, measured differently, are advised differently. */
class AdvisorEvidenceTest {

    static GroupEvaluation.StrategyScore score(String strategy, double accuracy, double cost) {
        return new GroupEvaluation.StrategyScore(strategy, 20, accuracy, 0.5, 1.0, 0.6, 900, 60, cost, 800);
    }

    static AdviceFigures measured(GroupEvaluation evaluation) {
        var f = AdvisorTest.fineTuneCase();
        return new AdviceFigures(f.groupId(), f.roles(), f.documents(), f.chunks(), 10_000, 20, f.answeredShare(), 300,
                800, f.completionTokensPerQuery(), 0, 0.1, 0.1, 3, 240.0, 100.0, 2, evaluation);
    }

    static GroupEvaluation evaluation(double rag, double fineTunedRag, int questions) {
        return new GroupEvaluation("g-x", List.of("x"), "eval-1", Instant.parse("2026-12-01T10:00:00Z"), "ft:m:g-x:1",
                List.of(score("extractive", 0.3, 0), score("rag", rag, 0.0002), score("finetuned", 0.1, 0.0001),
                        score("finetuned+rag", fineTunedRag, 0.0004)).stream()
                        .map(s -> new GroupEvaluation.StrategyScore(s.strategy(), questions, s.factAccuracy(),
                                s.refusalAccuracy(), s.citationAccuracy(), s.answerSimilarity(), s.meanPromptTokens(),
                                s.meanCompletionTokens(), s.costPerAnswer(), s.p50LatencyMillis())).toList(), null);
    }

    @Test
    void theRecommendationFollowsTheMeasurements() {
        var ragWins = Advisor.decide(measured(evaluation(0.7, 0.5, 20)), AdvisorTest.POLICY);
        var fineTunedWins = Advisor.decide(measured(evaluation(0.5, 0.8, 20)), AdvisorTest.POLICY);

        assertThat(ragWins.recommendation()).isEqualTo(Recommendation.RAG);
        assertThat(fineTunedWins.recommendation()).isEqualTo(Recommendation.HYBRID);
        assertThat(fineTunedWins.evidence().trusted()).isTrue();
        assertThat(fineTunedWins.evidence().best()).isEqualTo("finetuned+rag");
        assertThat(fineTunedWins.reasons().get(0)).contains("measured on 20 questions").contains("finetuned+rag 80% right");
        assertThat(fineTunedWins.reasons()).anySatisfy(r -> assertThat(r).contains("the measurements decide"));
    }

    @Test
    void tooFewQuestionsAreSaidToBeTooFewAndTheFactorsDecide() {
        var advice = Advisor.decide(measured(evaluation(0.5, 0.9, 4)), AdvisorTest.POLICY);
        assertThat(advice.evidence().trusted()).isFalse();
        assertThat(advice.reasons().get(0)).contains("too small to trust").contains("4 questions");
        assertThat(advice.recommendation()).isEqualTo(Advisor.decideByRules(measured(null), AdvisorTest.POLICY).recommendation());
    }

    @Test
    void noEvaluationIsSaid() {
        var advice = Advisor.decide(measured(null), AdvisorTest.POLICY);
        assertThat(advice.reasons().get(0)).contains("no measured evidence");
    }

    @Test
    void strategiesAboveTheCostCeilingAreNotChosen() {
        var policy = new AdvisorPolicy(50_000, 1.0, 1500, 500, 5, 0.15, 0.60, 3.00, 2.0, 3, 1.5, 20, 0.25, 10, 0.0003);
        var advice = Advisor.decide(measured(evaluation(0.5, 0.9, 20)), policy);
        assertThat(advice.evidence().best()).isEqualTo("rag");
        assertThat(advice.recommendation()).isEqualTo(Recommendation.RAG);
    }

    @Test
    void fastChangingDataKeepsRetrievalWhateverTheMeasurements() {
        var f = measured(evaluation(0.5, 0.9, 20));
        var fast = new AdviceFigures(f.groupId(), f.roles(), f.documents(), f.chunks(), f.tokens(), f.queriesPerDay(),
                f.answeredShare(), f.retrievedTokensPerAnswered(), f.promptTokensPerQuery(), f.completionTokensPerQuery(),
                5, 5, 5, 150, 1.0, 0.5, 2, f.measured());
        var advice = Advisor.decide(fast, AdvisorTest.POLICY);
        assertThat(advice.recommendation()).isEqualTo(Recommendation.HYBRID);
        assertThat(advice.reasons()).anySatisfy(r -> assertThat(r).contains("changes fast"));
    }
}
