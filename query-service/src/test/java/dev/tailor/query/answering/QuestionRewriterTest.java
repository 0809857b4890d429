package dev.tailor.query.answering;

import dev.tailor.query.chat.Generation;
import dev.tailor.runtime.rag.Turn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionRewriterTest {

    static final Conversation FOLLOW_UP = new Conversation("Which customer pilots it?", List.of(
            Turn.user("When does Project Falcon launch?"), Turn.assistant("In March [1].")));

    @Test
    void aQuestionWithoutEarlierQuestionsIsNotAFollowUp() {
        assertThat(Conversation.of("When does Project Falcon launch?").isFollowUp()).isFalse();
        assertThat(new Conversation("And then?", List.of(Turn.assistant("Hello."))).isFollowUp()).isFalse();
        assertThat(FOLLOW_UP.isFollowUp()).isTrue();
    }

    @Test
    void theFallbackSearchesThePreviousQuestionWithThisOne() {
        assertThat(QuestionRewriter.fallback(FOLLOW_UP)).isEqualTo("When does Project Falcon launch?\nWhich customer pilots it?");
    }

    @Test
    void theModelSeesTheRecentConversationAndTheLastQuestion() {
        assertThat(QuestionRewriter.transcript(FOLLOW_UP)).isEqualTo("""
                Conversation:
                User: When does Project Falcon launch?
                Assistant: In March [1].

                Last question: Which customer pilots it?""");
    }

    @Test
    void aRewriteCountsOnlyWhenItBringsInWordsOfTheConversation() {
        assertThat(QuestionRewriter.bringsInContext("Which customer pilots Project Falcon?", FOLLOW_UP)).isTrue();
        assertThat(QuestionRewriter.bringsInContext("Which customer pilots it?", FOLLOW_UP)).isFalse();
        assertThat(QuestionRewriter.bringsInContext("Which customer pilots the rocket now?", FOLLOW_UP)).isFalse();
        assertThat(QuestionRewriter.bringsInContext("", FOLLOW_UP)).isFalse();
    }

    @Test
    void theRewriteIsTheFirstLineWithoutLabelOrQuotes() {
        assertThat(QuestionRewriter.clean("Rewritten question: \"Which customer pilots Project Falcon?\"\nHope this helps"))
                .isEqualTo("Which customer pilots Project Falcon?");
    }

    @Test
    void anAnswerWithoutModelKeepsToStopAndMaxTokens() {
        assertThat(Limited.of("one two END three", new Generation(null, null, null, List.of("END"), null)))
                .isEqualTo(new Limited("one two ", "stop"));
        assertThat(Limited.of("x".repeat(100), new Generation(5, null, null, List.of(), null)))
                .isEqualTo(new Limited("x".repeat(20), "length"));
        assertThat(Limited.of("short", Generation.defaults())).isEqualTo(new Limited("short", "stop"));
    }

    @Test
    void piecesOfAnAnswerRejoinExactly() {
        String text = "Extractive answer:\n  one two three four five six seven eight nine [1].";
        List<String> pieces = QuestionAnswering.pieces(text);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).hasSizeGreaterThan(2);
    }
}
