package dev.tailor.query.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record Usage(
        @Schema(description = "Tokens the model read (reported by the provider; 0 when extractive)", examples = "812") long promptTokens,
        @Schema(description = "Tokens the model wrote", examples = "64") long completionTokens,
        @Schema(description = "Tokens of permitted context put in the prompt", examples = "640") long retrievedTokens,
        @Schema(description = "Passages put in the prompt", examples = "3") int retrievedChunks) {
}
