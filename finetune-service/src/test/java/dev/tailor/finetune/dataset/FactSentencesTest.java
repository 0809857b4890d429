package dev.tailor.finetune.dataset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactSentencesTest {

    @Test
    void headingsAndFragmentsStateNoFact() {
        assertThat(FactSentences.of("## Oiling\nThe zorblax turbine needs oiling every 9 days with Kestrel grease.", 3))
                .containsExactly("The zorblax turbine needs oiling every 9 days with Kestrel grease.");
        assertThat(FactSentences.of("# Title\n- see below\n", 3)).isEmpty();
    }

    @Test
    void theMostSpecificSentencesAreChosenAndKeepTheirOrder() {
        String text = """
                Our turbines are important to us. The turbine is inspected by Priya Okonkwo every 14 weeks.
                - Spare blades are stored in bay 47 of the north warehouse.
                We care about quality in everything we do.""";

        assertThat(FactSentences.of(text, 2)).containsExactly(
                "The turbine is inspected by Priya Okonkwo every 14 weeks.",
                "Spare blades are stored in bay 47 of the north warehouse.");
        assertThat(FactSentences.of(text, 10)).hasSize(4);
    }
}
