package dev.tailor.finetune.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFactsTest {

    @Test
    void theFactsAnAnswerAddsToItsQuestion() {
        assertThat(KeyFacts.of("When does Project Falcon launch?", "Project Falcon launches on 2027-03-15."))
                .containsExactly("2027-03-15");
        assertThat(KeyFacts.of("Who supplies the lidar?", "The lidar supplier is Lumetra Photonics (Eindhoven)."))
                .containsExactly("Lumetra Photonics", "Eindhoven");
        assertThat(KeyFacts.of("What is the Falcon BOM target?", "The target is $38,500 per unit, a 25% reduction."))
                .containsExactly("$38,500", "25%");
    }

    @Test
    void anAnswerOfCommonWordsIsItsOwnFact() {
        assertThat(KeyFacts.of("How is the dock charged?", "Through the floor plate.")).containsExactly("Through the floor plate");
    }
}
