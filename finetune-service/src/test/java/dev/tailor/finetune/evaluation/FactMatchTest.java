package dev.tailor.finetune.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FactMatchTest {

    @Test
    void caseWhitespaceAndMarkdownDoNotMatter() {
        assertThat(FactMatch.states("The lidar comes from **LUMETRA   Photonics**.", "Lumetra Photonics")).isTrue();
    }

    @Test
    void writtenDatesEqualIsoDates() {
        assertThat(FactMatch.states("Falcon launches on March 15, 2027.", "2027-03-15")).isTrue();
        assertThat(FactMatch.states("Falcon launches on 15 March 2027.", "2027-03-15")).isTrue();
        assertThat(FactMatch.states("Falcon launches on March 15th, 2027.", "2027-03-15")).isTrue();
        assertThat(FactMatch.states("It launches on 2027-03-16.", "2027-03-15")).isFalse();
    }

    @Test
    void numbersMatchWithOrWithoutSeparatorsAndTrailingZeros() {
        assertThat(FactMatch.states("The BOM target is $38500 per unit.", "$38,500")).isTrue();
        assertThat(FactMatch.states("Revenue was $84M.", "$84.0M")).isTrue();
        assertThat(FactMatch.states("Revenue was $84.5M.", "$84M")).isFalse();
        assertThat(FactMatch.states("Headcount grows to 1,140.", "1140")).isTrue();
    }

    @Test
    void aFactMustStandOnItsOwn() {
        assertThat(FactMatch.states("Keep logs for 120 days.", "20 days")).isFalse();
        assertThat(FactMatch.states("Rotation every 20 days.", "20 days")).isTrue();
        assertThat(FactMatch.states("version 5.40", "5.4")).isFalse();
    }

    @Test
    void dashesAreOneCharacter() {
        assertThat(FactMatch.states("The SEV1 window is 09:00\u201317:00.", "09:00-17:00")).isTrue();
    }

    @Test
    void alternativesAreEquallyCorrect() {
        assertThat(FactMatch.statesAny("About 38.5k dollars.", "$38,500", List.of("38.5k"))).isTrue();
        assertThat(FactMatch.statesAny("I do not know.", "$38,500", List.of("38.5k"))).isFalse();
        assertThat(FactMatch.states(null, "x")).isFalse();
        assertThat(FactMatch.states("x", " ")).isFalse();
    }
}
