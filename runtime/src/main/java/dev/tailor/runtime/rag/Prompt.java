package dev.tailor.runtime.rag;

import java.util.ArrayList;
import java.util.List;

/**
 * What is sent to a chat model: the system instructions, the earlier turns of the conversation that fit the budget,
 * the user message with the numbered passages, and the passages actually included (passage [i] is
 * {@code passages.get(i - 1)}).
 *
 * @param contextTokens tokens of passages in the prompt
 */
public record Prompt(String system, List<Turn> history, String user, List<RetrievedChunk> passages, int contextTokens) {

    public Prompt {
        history = List.copyOf(history);
        passages = List.copyOf(passages);
    }

    /** The messages in the order a chat model reads them. */
    public List<Turn> messages() {
        List<Turn> messages = new ArrayList<>(history.size() + 2);
        messages.add(Turn.system(system));
        messages.addAll(history);
        messages.add(Turn.user(user));
        return messages;
    }
}
