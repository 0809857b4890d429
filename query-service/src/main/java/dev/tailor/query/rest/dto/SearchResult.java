package dev.tailor.query.rest.dto;

import dev.tailor.runtime.rag.RetrievedChunk;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A passage the caller may read")
public record SearchResult(
        @Schema(examples = "eng-oncall") String docId,
        @Schema(examples = "0") int chunkIndex,
        @Schema(examples = "On-call handbook") String title,
        @Schema(examples = "The pager rotates every Monday at 10:00.") String text,
        @Schema(description = "Hybrid relevance score (higher is better)", examples = "0.82") double score) {

    public static SearchResult of(RetrievedChunk c) {
        return new SearchResult(c.docId(), c.chunkIndex(), c.title(), c.text(), c.score());
    }
}
