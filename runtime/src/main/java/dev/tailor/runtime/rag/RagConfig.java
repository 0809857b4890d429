package dev.tailor.runtime.rag;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How a question is answered from the passages its asker may read ({@code tailor.rag.*}), the same in every service
 * that answers: query-service for its users, finetune-service's evaluator under {@code rag} and {@code extractive}.
 * The public env names are query-service's, where these settings began; the defaults below read them.
 */
@ConfigMapping(prefix = "tailor.rag")
public interface RagConfig {

    Retrieval retrieval();

    Prompt prompt();

    interface Retrieval {
        /**
         * Weight of the vector leg of the hybrid search: 0 = keywords only (BM25), 1 = vectors only
         * (env {@code TAILOR_QUERY_RETRIEVAL_ALPHA}).
         */
        @WithDefault("${TAILOR_QUERY_RETRIEVAL_ALPHA:0.5}")
        float alpha();

        /**
         * How often a service whose index check failed checks again: the index may be created later by
         * ingest-service (env {@code TAILOR_QUERY_RETRIEVAL_INDEX_RECHECK_INTERVAL}).
         */
        @WithDefault("${TAILOR_QUERY_RETRIEVAL_INDEX_RECHECK_INTERVAL:10s}")
        Duration indexRecheckInterval();
    }

    interface Prompt {
        /**
         * Most tokens of retrieved passages (and, in a conversation, of earlier turns) put in one prompt; passages
         * beyond it are left out, the best ones come first (env {@code TAILOR_QUERY_PROMPT_CONTEXT_TOKEN_BUDGET}).
         */
        @WithDefault("${TAILOR_QUERY_PROMPT_CONTEXT_TOKEN_BUDGET:2000}")
        int contextTokenBudget();

        /** How many sentences an extractive answer quotes at most (env {@code TAILOR_QUERY_PROMPT_EXTRACTIVE_SENTENCES}). */
        @WithDefault("${TAILOR_QUERY_PROMPT_EXTRACTIVE_SENTENCES:3}")
        int extractiveSentences();
    }
}
