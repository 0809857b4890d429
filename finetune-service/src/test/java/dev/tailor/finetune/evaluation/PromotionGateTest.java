package dev.tailor.finetune.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromotionGateTest {

    @Test
    void aCandidateBelowTheThresholdIsNotPromoted() {
        assertThat(PromotionGate.decide(0.5, null, 0.6).promote()).isFalse();
    }

    @Test
    void aCandidateNotBetterThanTheCurrentModelIsNotPromoted() {
        var gate = PromotionGate.decide(0.8, 0.8, 0.6);
        assertThat(gate.promote()).isFalse();
        assertThat(gate.reason()).contains("not better");
    }

    @Test
    void aCandidateClearingTheThresholdAndBeatingTheCurrentModelIsPromoted() {
        assertThat(PromotionGate.decide(0.85, 0.8, 0.6).promote()).isTrue();
        assertThat(PromotionGate.decide(0.7, null, 0.6).promote()).isTrue();
    }
}
