package dev.tailor.query.answering;

import dev.tailor.runtime.rag.Turn;

import java.util.List;

/**
 * The question and the turns before it ({@code user} and {@code assistant} only, oldest first). The history is
 * what the caller says was said: it may help the model understand the question, it never widens what is retrieved.
 */
public record Conversation(String question, List<Turn> history) {

    public Conversation {
        history = List.copyOf(history);
    }

    public static Conversation of(String question) {
        return new Conversation(question, List.of());
    }

    /** Whether the question follows earlier questions, and may lean on them ("which customer pilots it?"). */
    public boolean isFollowUp() {
        return history.stream().anyMatch(t -> t.role().equals(Turn.USER));
    }
}
