package dev.tailor.runtime.rag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PromptBuilderTest {

    static RetrievedChunk chunk(String doc, String text, int tokens) {
        return new RetrievedChunk(doc, 0, "Title " + doc, text, 1.0, tokens, List.of("public"));
    }

    @Test
    void numbersThePassagesInRankOrderAndInstructsToCiteThem() {
        Prompt prompt = new PromptBuilder(1000).build("  When?  ", List.of(chunk("a", "Alpha text.", 10), chunk("b", "Beta text.", 10)));

        assertThat(prompt.system()).contains("ONLY from the numbered context passages").contains("[1]");
        assertThat(prompt.user()).contains("[1] Title a\nAlpha text.").contains("[2] Title b\nBeta text.")
                .endsWith("Question: When?");
        assertThat(prompt.user().indexOf("[1]")).isLessThan(prompt.user().indexOf("[2]"));
        assertThat(prompt.passages()).extracting(RetrievedChunk::docId).containsExactly("a", "b");
        assertThat(prompt.contextTokens()).isEqualTo(20);
    }

    @Test
    void stopsAtTheContextBudget() {
        Prompt prompt = new PromptBuilder(25).build("q", List.of(chunk("a", "A.", 10), chunk("b", "B.", 10), chunk("c", "C.", 10)));

        assertThat(prompt.passages()).extracting(RetrievedChunk::docId).containsExactly("a", "b");
        assertThat(prompt.user()).doesNotContain("[3]").doesNotContain("C.");
        assertThat(prompt.contextTokens()).isLessThanOrEqualTo(25);
    }

    @Test
    void cutsAFirstPassageLargerThanTheBudgetInsteadOfSendingNoContext() {
        String longText = "x".repeat(400); // 100 tokens
        Prompt prompt = new PromptBuilder(10).build("q", List.of(chunk("a", longText, 0)));

        assertThat(prompt.passages()).hasSize(1);
        assertThat(prompt.passages().get(0).text()).hasSize(40);
        assertThat(prompt.contextTokens()).isEqualTo(10);
    }

    @Test
    void estimatesTokensWhenTheIndexRecordedNone() {
        assertThat(TokenEstimator.tokens(chunk("a", "12345678", 0))).isEqualTo(2);
        assertThat(TokenEstimator.tokens(chunk("a", "12345678", 7))).isEqualTo(7);
    }

    @Test
    void theMostRecentTurnsThatFitTheBudgetLeftByThePassagesGoBeforeTheQuestion() {
        List<Turn> history = List.of(Turn.user("x".repeat(40)), Turn.assistant("y".repeat(44)),
                Turn.user("z".repeat(20)), Turn.assistant("w".repeat(20)));

        Prompt prompt = new PromptBuilder(30).build("q", List.of(chunk("a", "A.", 10)), history);

        // 20 tokens left after the passage: the last two turns (5 + 5 tokens) fit, the one before (11) no more
        assertThat(prompt.history()).extracting(Turn::content).containsExactly("z".repeat(20), "w".repeat(20));
        assertThat(prompt.messages()).extracting(Turn::role).containsExactly("system", "user", "assistant", "user");
        assertThat(prompt.messages().get(3).content()).endsWith("Question: q");
    }

    @Test
    void withoutPassagesTheWholeBudgetGoesToTheConversation() {
        Prompt prompt = new PromptBuilder(10).withoutPassages(" q ", List.of(Turn.user("x".repeat(80)), Turn.assistant("y".repeat(40))));

        assertThat(prompt.system()).isEqualTo(PromptBuilder.SYSTEM_WITHOUT_PASSAGES);
        assertThat(prompt.history()).extracting(Turn::content).containsExactly("y".repeat(40));
        assertThat(prompt.user()).isEqualTo("q");
        assertThat(prompt.passages()).isEmpty();
    }
}
