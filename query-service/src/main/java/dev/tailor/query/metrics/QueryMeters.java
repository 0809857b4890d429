package dev.tailor.query.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Micrometer meters of the query path. Latency per endpoint comes from the HTTP server metrics
 * ({@code http_server_requests_seconds}); embedding and retrieval are timed by tailor-runtime's ChunkRetriever
 * ({@code tailor.query.embedding}, {@code tailor.query.retrieval}); these time the chat model and count its tokens.
 */
@ApplicationScoped
public class QueryMeters {

    private final MeterRegistry registry;

    QueryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Times a chat model call; {@code outcome} is success or failure. */
    public void recordLlm(String model, long nanos, boolean success) {
        Timer.builder("tailor.query.llm").description("Chat model calls").tag("model", model)
                .tag("outcome", success ? "success" : "failure").register(registry)
                .record(java.time.Duration.ofNanos(nanos));
    }

    public void countTokens(String model, long promptTokens, long completionTokens) {
        Counter.builder("tailor.query.llm.tokens").tag("model", model).tag("kind", "prompt").register(registry)
                .increment(promptTokens);
        Counter.builder("tailor.query.llm.tokens").tag("model", model).tag("kind", "completion").register(registry)
                .increment(completionTokens);
    }
}
