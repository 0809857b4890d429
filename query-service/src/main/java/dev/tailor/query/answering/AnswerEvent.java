package dev.tailor.query.answering;

/** A streamed answer: its text piece by piece as it is written, then the whole answer once. */
public sealed interface AnswerEvent {

    record Text(String text) implements AnswerEvent {
    }

    record Finished(Answer answer) implements AnswerEvent {
    }
}
