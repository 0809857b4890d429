package dev.tailor.query.answering;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerStreamTest {

    @Test
    void aCompleteAnswerComesInPiecesOfAFewWordsThatRejoinExactly() {
        String text = "Extractive answer:\n  one two three four five six seven eight nine [1].";
        AnswerStream stream = AnswerStream.of(new Answer(text, List.of(), "rag", "extractive", 0, 0, 0, true));

        List<String> pieces = drain(stream);

        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).hasSizeGreaterThan(2).allSatisfy(p -> assertThat(p.split("\\s+").length).isLessThanOrEqualTo(4));
    }

    @Test
    void aModelsDeltasComeInOrderAndItsCompletionIsReportedOnce() {
        CompletionStream completion = new CompletionStream(Duration.ofSeconds(1));
        List<ChatAnswerer.Completion> reported = new ArrayList<>();
        completion.delta("world");
        completion.delta("!");
        completion.complete(new ChatAnswerer.Completion("Hello world!", "m", 10, 3));
        AnswerStream stream = AnswerStream.streaming(List.of(), new CompletionStream.Delta("Hello "),
                completion, reported::add);

        assertThat(drain(stream)).containsExactly("Hello ", "world", "!");
        assertThat(stream.next()).isEmpty();
        assertThat(reported).singleElement().extracting(ChatAnswerer.Completion::completionTokens).isEqualTo(3L);
    }

    @Test
    void aModelFailingMidwayEndsTheStreamWithAnError() {
        CompletionStream completion = new CompletionStream(Duration.ofSeconds(1));
        completion.fail("connection reset");
        AnswerStream stream = AnswerStream.streaming(List.of(), new CompletionStream.Delta("Partial "),
                completion, c -> {
                    throw new AssertionError("a failed answer is not complete");
                });

        assertThat(stream.next()).contains("Partial ");
        assertThatThrownBy(stream::next).isInstanceOf(ChatUnavailableException.class)
                .hasMessage("the chat model stopped answering; try again later");
    }

    @Test
    void aModelFallingSilentCountsAsFailed() {
        CompletionStream completion = new CompletionStream(Duration.ofMillis(50));
        AnswerStream stream = AnswerStream.streaming(List.of(), new CompletionStream.Delta("Hello"),
                completion, c -> {
                });

        assertThat(stream.next()).contains("Hello");
        assertThatThrownBy(stream::next).isInstanceOf(ChatUnavailableException.class);
    }

    private static List<String> drain(AnswerStream stream) {
        List<String> pieces = new ArrayList<>();
        for (Optional<String> p = stream.next(); p.isPresent(); p = stream.next()) {
            pieces.add(p.get());
        }
        return pieces;
    }
}
