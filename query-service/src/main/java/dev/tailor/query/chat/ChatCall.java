package dev.tailor.query.chat;

import dev.tailor.runtime.rag.Turn;

import java.util.List;

/** One request to a chat model: which model, the messages in order, how to write. */
public record ChatCall(String model, List<Turn> messages, Generation generation) {

    public ChatCall {
        messages = List.copyOf(messages);
    }
}
