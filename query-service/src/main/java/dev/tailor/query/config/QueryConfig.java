package dev.tailor.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of query-service under {@code tailor.query}; each one can be set from the environment (TAILOR_QUERY_...). */
@ConfigMapping(prefix = "tailor.query")
public interface QueryConfig {

    Security security();

    Retrieval retrieval();

    Chat chat();

    Routing routing();

    Api api();

    interface Security {
        /**
         * Where the roles are in the access token, as a slash-separated path of claims (Keycloak:
         * {@code realm_access/roles}). A token without that claim carries no roles (the user still holds
         * {@code public}). Env: TAILOR_QUERY_SECURITY_ROLES_CLAIM_PATH.
         */
        @WithDefault("realm_access/roles")
        String rolesClaimPath();

        RememberedTokens rememberedTokens();
    }

    /**
     * A client sends the same access token with every request until it expires; its signature, issuer, audience and
     * expiry are checked the first time, and the identity built from it is remembered for the same exact token.
     */
    interface RememberedTokens {
        /**
         * Longest a verified token is taken on its first check, never past its own expiry. 0 checks every request
         * again. Env: TAILOR_QUERY_SECURITY_REMEMBERED_TOKENS_REMEMBER_FOR.
         */
        @WithDefault("60s")
        Duration rememberFor();

        /** Most tokens remembered at once; the least recently used go first. Env: TAILOR_QUERY_SECURITY_REMEMBERED_TOKENS_MAX_TOKENS. */
        @WithDefault("10000")
        long maxTokens();
    }

    interface Api {
        /**
         * Rounds of the request path that needs no token, run at start before the service reports ready: the JSON
         * and validation of the API's requests and responses, and an unauthenticated request over HTTP; 0 = none.
         * Env: TAILOR_QUERY_API_WARM_UP_ROUNDS.
         */
        @WithDefault("32")
        int warmUpRounds();
    }

    /** Retrieval's own settings (alpha, index re-check) and the prompt's are in tailor-runtime's RagConfig. */
    interface Retrieval {
        /** topK when a request does not give one. Env: TAILOR_QUERY_RETRIEVAL_DEFAULT_TOP_K. */
        @WithDefault("5")
        int defaultTopK();

        /**
         * Searches run through retrieval at start, before the service reports ready (spread over the embedding
         * threads); 0 = none. Env: TAILOR_QUERY_RETRIEVAL_WARM_UP_SEARCHES.
         */
        @WithDefault("32")
        int warmUpSearches();
    }

    interface Chat {
        /**
         * Whether answers are written by a chat model. On by default: the default model is model-service's (no key,
         * no GPU). When false, answers are extractive (quotes of the permitted passages) and no provider is ever
         * called. Env: TAILOR_QUERY_CHAT_ENABLED.
         */
        @WithDefault("true")
        boolean enabled();

        /** The provider's OpenAI-compatible API (env {@code OPENAI_BASE_URL}; model-service by default). */
        @WithDefault("${OPENAI_BASE_URL:http://127.0.0.1:8083/v1}")
        String baseUrl();

        /** The provider's API key (env {@code OPENAI_API_KEY}); model-service needs none. */
        @WithDefault("${OPENAI_API_KEY:none}")
        String apiKey();

        /** The model that answers when no fine-tuned model is routed to (env {@code OPENAI_CHAT_MODEL}). */
        @WithDefault("${OPENAI_CHAT_MODEL:smollm2-135m}")
        String model();

        /**
         * Longest wait for a whole answer, or between two pieces of a streamed one (env {@code OPENAI_TIMEOUT}). It
         * covers the provider's queue: the local model writes one answer at a time on two cores, so four concurrent
         * asks wait up to a minute for the last one, and a 30-s timeout turned that wait into a 503 and a retry.
         */
        @WithDefault("${OPENAI_TIMEOUT:120s}")
        Duration timeout();

        /** Further tries of a whole answer after a provider failure (env {@code OPENAI_MAX_RETRIES}). */
        @WithDefault("${OPENAI_MAX_RETRIES:1}")
        int maxRetries();

        /** Temperature when the caller gives none: low, answers should stick to the passages (env TAILOR_QUERY_CHAT_TEMPERATURE). */
        @WithDefault("0.1")
        double temperature();

        /**
         * Most tokens the model may write to turn a follow-up question into a standalone one for retrieval
         * (env TAILOR_QUERY_CHAT_REWRITE_MAX_TOKENS).
         */
        @WithDefault("48")
        int rewriteMaxTokens();
    }

    interface Routing {
        /**
         * Whether to follow {@code models.registry} and {@code models.evaluations} for the strategies
         * {@code finetuned}, {@code finetuned+rag} and {@code auto}. Env: TAILOR_QUERY_ROUTING_ENABLED.
         */
        @WithDefault("true")
        boolean enabled();

        /** Poll timeout of the followers of the compacted topics. Env: TAILOR_QUERY_ROUTING_POLL_TIMEOUT. */
        @WithDefault("1s")
        Duration pollTimeout();

        /** How long a follower waits before replaying its topic again after a failure. Env: TAILOR_QUERY_ROUTING_RETRY_DELAY. */
        @WithDefault("5s")
        Duration retryDelay();

        /**
         * {@code strategy=auto}: the most an answer may cost, in the evaluation's prices ({@code costPerAnswer} of
         * models.evaluations); among the strategies the latest evaluation of the user's group measured within it,
         * the most accurate answers. Unset = no ceiling. Env: TAILOR_QUERY_ROUTING_AUTO_COST_CEILING.
         */
        Optional<Double> autoCostCeiling();
    }
}
