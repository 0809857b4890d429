package dev.tailor.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of query-service under {@code tailor.query}; each one can be set from the environment (TAILOR_QUERY_...). */
@ConfigMapping(prefix = "tailor.query")
public interface QueryConfig {

    Security security();

    Retrieval retrieval();

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

    /** Retrieval's own settings (alpha, index re-check) and the prompt's are in tailor-runtime's RagConfig. */
    interface Retrieval {
        /** topK when a request does not give one. Env: TAILOR_QUERY_RETRIEVAL_DEFAULT_TOP_K. */
        @WithDefault("5")
        int defaultTopK();
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
