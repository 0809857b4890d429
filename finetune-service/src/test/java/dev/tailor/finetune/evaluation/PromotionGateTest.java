package dev.tailor.finetune.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionGateTest {

    @Test
    void aCandidateBelowTheThresholdIsRejected() {
        var gate = PromotionGate.decide(0.1, null, "the base model with retrieval", 20, 0.2);
        assertThat(gate.promote()).isFalse();
        assertThat(gate.reason()).contains("0.10").contains("20 questions").contains("threshold 0.20");
    }

    @Test
    void aCandidateMustBeatWhatServesTheGroup() {
        assertThat(PromotionGate.decide(0.5, 0.5, "the serving model ft:a", 20, 0.2).promote()).isFalse();
        var better = PromotionGate.decide(0.6, 0.5, "the serving model ft:a", 20, 0.2);
        assertThat(better.promote()).isTrue();
        assertThat(better.reason()).contains("better than the serving model ft:a's 0.50");
        assertThat(PromotionGate.decide(0.3, null, "x", 20, 0.2).promote()).isTrue();
    }

    @Test
    void noQuestionsProveNothing() {
        assertThat(PromotionGate.decide(1.0, null, "x", 0, 0.2).promote()).isFalse();
    }
}
