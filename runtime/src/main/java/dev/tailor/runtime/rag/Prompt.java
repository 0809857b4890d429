package dev.tailor.runtime.rag;


import java.util.List;

/**
 * What is sent to a chat model: the system instructions, the user message with the numbered passages, and the
 * passages actually included (passage [i] is {@code passages.get(i - 1)}).
 */
public record Prompt(String system, String user, List<RetrievedChunk> passages, int contextTokens) {
}
