package dev.tailor.query.rest.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A question answered from the passages the caller may read")
public record AskRequest(
        @Schema(examples = "How often does the on-call pager rotate?")
        @NotBlank(message = "question must not be blank") @Size(max = 4000, message = "question must be at most 4000 characters")
        String question,
        @Schema(description = "How many passages to retrieve (1..50, default 5)", examples = "5")
        @Min(value = 1, message = "topK must be between 1 and 50") @Max(value = 50, message = "topK must be between 1 and 50")
        Integer topK,
        @Schema(description = "rag (default: the chat model on your permitted passages), extractive (quotes of them, no "
                + "model), finetuned (the fine-tuned model of one of your groups, no retrieval; 409 if none), "
                + "finetuned+rag (that model on your permitted passages), or auto (what the latest evaluation of your "
                + "group found best within the cost ceiling; rag without one)",
                enumeration = {"rag", "extractive", "finetuned", "finetuned+rag", "auto"}, examples = "rag")
        @Pattern(regexp = "rag|extractive|finetuned|finetuned\\+rag|auto",
                message = "strategy must be one of rag, extractive, finetuned, finetuned+rag, auto")
        String strategy) {
}
