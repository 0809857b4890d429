package dev.tailor.query.rest.dto;

import dev.tailor.query.answering.Answer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

public record AskResponse(
        @Schema(examples = "The pager rotates every Monday at 10:00 [1].") String answer,
        List<Citation> citations,
        @Schema(description = "The strategy used (never auto): rag, extractive, finetuned or finetuned+rag", examples = "rag") String strategy,
        @Schema(description = "The model that answered, extractive, or none when nothing permitted was found", examples = "gpt-4o-mini") String model,
        Usage usage) {

    public static AskResponse of(Answer a) {
        return new AskResponse(a.text(), a.citations().stream().map(Citation::of).toList(), a.strategy(), a.model(),
                new Usage(a.promptTokens(), a.completionTokens(), a.retrievedTokens(), a.citations().size()));
    }
}
