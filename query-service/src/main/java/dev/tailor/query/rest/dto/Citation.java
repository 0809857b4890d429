package dev.tailor.query.rest.dto;

import dev.tailor.runtime.rag.RetrievedChunk;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A passage given to the model; the answer cites it as [n] where n is its position (1-based)")
public record Citation(
        @Schema(examples = "eng-oncall") String docId,
        @Schema(examples = "0") int chunkIndex,
        @Schema(examples = "On-call handbook") String title,
        @Schema(examples = "0.82") double score) {

    public static Citation of(RetrievedChunk c) {
        return new Citation(c.docId(), c.chunkIndex(), c.title(), c.score());
    }
}
