package dev.tailor.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of query-service under {@code tailor.query}; each one can be set from the environment (TAILOR_QUERY_...). */
@ConfigMapping(prefix = "tailor.query")
public interface QueryConfig {

    Security security();

    Retrieval retrieval();

    Prompt prompt();

    Chat chat();

    Routing routing();

    interface Security {
        /**
         * Where the roles are in the access token, as a slash-separated path of claims (Keycloak:
         * {@code realm_access/roles}). A token without that claim carries no roles (the user still holds
         * {@code public}). Env: TAILOR_QUERY_SECURITY_ROLES_CLAIM_PATH.
         */
        @WithDefault("realm_access/roles")
        String rolesClaimPath();
    }

    interface Retrieval {
        /** Weight of the vector leg of the hybrid search: 0 = keywords only (BM25), 1 = vectors only. Env: TAILOR_QUERY_RETRIEVAL_ALPHA. */
        @WithDefault("0.5")
        float alpha();

        /** topK when a request does not give one. Env: TAILOR_QUERY_RETRIEVAL_DEFAULT_TOP_K. */
        @WithDefault("5")
        int defaultTopK();

        /**
         * How often a service whose index check failed checks again (the index may be created later by
         * ingest-service). Env: TAILOR_QUERY_RETRIEVAL_INDEX_RECHECK_INTERVAL.
         */
        @WithDefault("10s")
        Duration indexRecheckInterval();
    }

    interface Prompt {
        /**
         * Most tokens of retrieved passages put in one prompt; passages beyond it are left out (the best ones
         * come first). Env: TAILOR_QUERY_PROMPT_CONTEXT_TOKEN_BUDGET.
         */
        @WithDefault("2000")
        int contextTokenBudget();

        /** How many sentences an extractive answer quotes at most. Env: TAILOR_QUERY_PROMPT_EXTRACTIVE_SENTENCES. */
        @WithDefault("3")
        int extractiveSentences();
    }

    interface Chat {
        /**
         * Whether a chat model is configured. When false (the default, so a fresh checkout needs no API key)
         * answers are extractive and no provider is ever called. When true, the OpenAI-compatible provider
         * configured by {@code quarkus.langchain4j.openai.*} (base-url, api-key, chat-model.model-name,
         * timeout, max-retries) answers. Env: TAILOR_QUERY_CHAT_ENABLED.
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Routing {
        /**
         * Whether to follow {@code models.registry} for the strategies {@code finetuned} and {@code auto}.
         * Env: TAILOR_QUERY_ROUTING_ENABLED.
         */
        @WithDefault("true")
        boolean enabled();

        /** Poll timeout of the registry follower. Env: TAILOR_QUERY_ROUTING_POLL_TIMEOUT. */
        @WithDefault("1s")
        Duration pollTimeout();
    }
}
