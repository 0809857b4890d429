package dev.tailor.query.answering;

import dev.tailor.runtime.rag.RetrievedChunk;

import java.util.List;

/**
 * An answer and what it rests on.
 *
 * @param citations       the passages the answer may cite, in prompt order (passage [i] is element i-1)
 * @param strategy        the strategy that answered (never auto)
 * @param model           the chat model that wrote it, {@code extractive}, or {@code none} when nothing was found
 * @param retrievedTokens tokens of permitted context used
 * @param finishReason    {@code stop}, or {@code length} when the caller's max_tokens cut it
 */
public record Answer(String text, List<RetrievedChunk> citations, String strategy, String model, long promptTokens,
                     long completionTokens, long retrievedTokens, boolean answered, String finishReason) {
}
