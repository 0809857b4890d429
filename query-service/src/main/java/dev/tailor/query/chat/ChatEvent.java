package dev.tailor.query.chat;

/** What a streamed completion delivers: text as the model writes it, then the completion once. */
public sealed interface ChatEvent {

    record Delta(String text) implements ChatEvent {
    }

    record Done(Completion completion) implements ChatEvent {
    }
}
