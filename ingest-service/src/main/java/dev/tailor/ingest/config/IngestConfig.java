package dev.tailor.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Behaviour of the ingest pipeline ({@code tailor.ingest.*}; env {@code TAILOR_INGEST_*}). */
@ConfigMapping(prefix = "tailor.ingest")
public interface IngestConfig {

    /** How documents are cut into chunks. */
    Chunking chunking();

    /** How failures are retried: transient ones forever, permanent ones a few times. */
    Retry retry();

    /**
     * The largest event and the most work one event may cause. A record over a limit is dead-lettered with the
     * limit's key in {@code tailor-dlq-limit}; every limit bounds memory or time the service spends on one record.
     */
    Limits limits();

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
        /**
         * First back-off after a transient failure: Weaviate or Kafka unreachable or overloaded
         * (env {@code TAILOR_INGEST_RETRY_INITIAL_BACKOFF}).
         */
        @WithDefault("200ms")
        Duration initialBackoff();

        /**
         * Longest back-off between attempts after transient failures, which are retried forever
         * (env {@code TAILOR_INGEST_RETRY_MAX_BACKOFF}).
         */
        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * Attempts at a change that fails for a reason of its own (Weaviate rejects its objects, chunking or
         * embedding throws) before it alone is dead-lettered and the rest of its wave applied
         * (env {@code TAILOR_INGEST_RETRY_PERMANENT_ATTEMPTS}).
         */
        @WithDefault("3")
        int permanentAttempts();
    }

    /** Limits, each in UTF-8 bytes or counts; env {@code TAILOR_INGEST_LIMITS_*}. */
    interface Limits {
        /** Longest docId and record key: ids end up in every chunk object and every docs.indexed record. */
        @WithDefault("512")
        int docIdBytes();

        /** Longest title: it heads every chunk's text and is stored on every chunk object. */
        @WithDefault("1024")
        int titleBytes();

        /** Most entries in allowedRoles: every chunk object stores them all, and every search filters on them. */
        @WithDefault("64")
        int roles();

        /** Longest role name. */
        @WithDefault("128")
        int roleBytes();

        /** Most metadata entries (metadata is parsed, not indexed). */
        @WithDefault("64")
        int metadataEntries();

        /** Most bytes of metadata keys and values together. */
        @WithDefault("16384")
        int metadataBytes();

        /**
         * Longest CloudEvent attribute (id, source, type, subject) and contentType: identifiers, quoted in logs and
         * dead-letter reasons.
         */
        @WithDefault("1024")
        int attributeBytes();

        /** Longest source. */
        @WithDefault("1024")
        int sourceBytes();

        /** Longest uri. */
        @WithDefault("4096")
        int uriBytes();

        /**
         * Largest document content (1 MiB). Mind the broker's own record limit ({@code message.max.bytes}: 1 MB by
         * default, 5 MB on the local stack): a record the broker refuses never reaches the service.
         */
        @WithDefault("1048576")
        int contentBytes();

        /** Most chunks one document may have: what one document may cost in embedding time and index space. */
        @WithDefault("2048")
        int chunksPerDocument();

        /**
         * Largest chunk text, heading path included. A 200-token chunk of prose is ~1 KB; a bigger one is a run of
         * text without spaces (an inlined image, a one-line blob) or a huge heading repeated on every chunk.
         */
        @WithDefault("8192")
        int chunkBytes();

        /**
         * Most chunks, new and already indexed, applied together: a wave of more is applied in groups. Bounds what one
         * consumer holds at once (texts, vectors) whatever the documents of a poll: a 20 KB document of 2,000 tiny
         * sections under a long heading makes as many chunks as a 1 MB one.
         */
        @WithDefault("4096")
        int waveChunks();

        /**
         * Most bytes of objects in one Weaviate batch insert (estimated: texts, properties, vectors); batches are
         * also cut at 500 objects. Weaviate's gRPC server refuses messages over 10 MB by default.
         */
        @WithDefault("4194304")
        int batchBytes();
    }
}
