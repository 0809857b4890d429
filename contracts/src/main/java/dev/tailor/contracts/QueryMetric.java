package dev.tailor.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Published on {@link Topics#QUERIES_METRICS} per answered request. It carries no question text and no user
 * id: only the sorted roles the asker held (the role group), which is what the advisor needs.
 *
 * @param endpoint        {@code search}, {@code ask} or {@code chat}
 * @param strategy        {@code rag} or {@code finetuned}
 * @param retrievedTokens tokens of context passed to the model (or returned, for search)
 * @param answered        whether permitted context was found
 */
public record QueryMetric(
        List<String> roles,
        String endpoint,
        String strategy,
        String model,
        int retrievedChunks,
        long retrievedTokens,
        boolean answered,
        long promptTokens,
        long completionTokens,
        long latencyMillis,
        Instant time) {
}
