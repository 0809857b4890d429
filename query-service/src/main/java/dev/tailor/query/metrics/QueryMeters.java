package dev.tailor.query.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Micrometer meters of the query path. Latency per endpoint comes from the HTTP server metrics
 * ({@code http_server_requests_seconds}); these time the parts: embedding, retrieval, the chat model.
 */
@ApplicationScoped
public class QueryMeters {

    private final MeterRegistry registry;
    private final Timer embedding;
    private final Timer retrieval;

    QueryMeters(MeterRegistry registry) {
        this.registry = registry;
        this.embedding = Timer.builder("tailor.query.embedding").description("Embedding a question")
                .publishPercentileHistogram().register(registry);
        this.retrieval = Timer.builder("tailor.query.retrieval").description("Role-filtered hybrid search in Weaviate")
                .publishPercentileHistogram().register(registry);
    }

    public <T> T timeEmbedding(Supplier<T> work) {
        return embedding.record(work);
    }

    public <T> T timeRetrieval(Supplier<T> work) {
        return retrieval.record(work);
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
