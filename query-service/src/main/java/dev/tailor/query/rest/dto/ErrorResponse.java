package dev.tailor.query.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Why a request failed")
public record ErrorResponse(
        @Schema(examples = "bad_request") String error,
        @Schema(examples = "topK must be between 1 and 50") String message) {
}
