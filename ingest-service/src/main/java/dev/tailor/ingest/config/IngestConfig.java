package dev.tailor.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Behaviour of the ingest pipeline ({@code tailor.ingest.*}; env {@code TAILOR_INGEST_*}). */
@ConfigMapping(prefix = "tailor.ingest")
public interface IngestConfig {

    /**
     * Largest accepted document content, in UTF-8 bytes (env {@code TAILOR_INGEST_MAX_CONTENT_BYTES}); a bigger
     * upsert is dead-lettered. Default 1 MiB.
     */
    @WithDefault("1048576")
    int maxContentBytes();

    /** How documents are cut into chunks. */
    Chunking chunking();

    /** How a write to Weaviate is retried while Weaviate is unavailable. */
    Retry retry();

    interface Chunking {
        /**
         * Most tokens per chunk, estimated as 4/3 tokens per word (env {@code TAILOR_INGEST_CHUNKING_MAX_TOKENS}).
         * MiniLM truncates its input at 256 word pieces, so keep this below ~230 (the heading path is counted too).
         */
        @WithDefault("200")
        int maxTokens();

        /**
         * Tokens repeated between consecutive pieces of a paragraph too long for one chunk
         * (env {@code TAILOR_INGEST_CHUNKING_OVERLAP_TOKENS}). Paragraph boundaries get no overlap: they are natural
         * breaks, and overlap across them would make every moved paragraph a new text to embed.
         */
        @WithDefault("30")
        int overlapTokens();
    }

    interface Retry {
        /** First back-off after a failed write (env {@code TAILOR_INGEST_RETRY_INITIAL_BACKOFF}). */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest back-off between attempts; retries never stop (env {@code TAILOR_INGEST_RETRY_MAX_BACKOFF}). */
        @WithDefault("10s")
        Duration maxBackoff();
    }
}
