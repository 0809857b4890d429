package dev.tailor.runtime.rag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveAnswererTest {

    static RetrievedChunk chunk(String text) {
        return new RetrievedChunk("d", 0, "t", text, 1, 0, List.of("public"));
    }

    @Test
    void quotesTheSentencesSharingMostWordsWithTheQuestionCitedByPassage() {
        String answer = new ExtractiveAnswerer(1).answer("How often does the pager rotate?", List.of(
                chunk("Coffee is free. Lunch is at noon."),
                chunk("The office is in Lyon. The pager rotate schedule is weekly.")));

        assertThat(answer).startsWith(ExtractiveAnswerer.PREFIX)
                .contains("- The pager rotate schedule is weekly. [2]")
                .doesNotContain("Coffee").doesNotContain("Lyon");
    }

    @Test
    void saysItIsExtractiveAndKeepsPassageOrderAmongTheChosenSentences() {
        String answer = new ExtractiveAnswerer(2).answer("budget travel", List.of(
                chunk("The travel budget is 500 euros."), chunk("Travel needs approval.")));

        assertThat(answer).contains("Extractive answer");
        assertThat(answer.indexOf("[1]")).isLessThan(answer.indexOf("[2]"));
    }

    @Test
    void withNoSharedWordsStillQuotesTheBestRankedPassage() {
        String answer = new ExtractiveAnswerer(1).answer("zzz", List.of(chunk("First. Second."), chunk("Third.")));

        assertThat(answer).endsWith("- First. [1]");
    }

    @Test
    void wordsAreRunsOfLettersAndNumbersLowerCasedWithoutStopWordsOrSingleCharacters() {
        assertThat(ExtractiveAnswerer.words("What is the Q3 budget for São-Paulo, in 2026? A ½-day x²."))
                .containsExactlyInAnyOrder("q3", "budget", "são", "paulo", "2026", "day", "x²");
    }

    @Test
    void aSentenceScoresTheDistinctQuestionWordsItContains() {
        assertThat(ExtractiveAnswerer.sharedWords("Travel, travel and more TRAVEL budget.",
                ExtractiveAnswerer.words("travel budget approval"))).isEqualTo(2);
    }
}
