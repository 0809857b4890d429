package dev.tailor.query.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.tailor.contracts.IndexModel;
import dev.tailor.query.config.EmbeddingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds questions with the in-process quantized all-MiniLM-L6-v2, the model ingest-service builds the index
 * with. We build the model ourselves instead of injecting the bean quarkus-langchain4j exposes: that one runs on
 * the shared worker pool, so a burst of questions would starve request handling, and a second instance would
 * double the ~100 MB model in memory. Ours gets a small bounded executor of its own.
 */
@ApplicationScoped
public class QuestionEmbedder {

    private final EmbeddingConfig config;
    private final ThreadPoolExecutor executor;
    private final EmbeddingModel model;

    QuestionEmbedder(EmbeddingConfig config) {
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(1024), r -> {
                    Thread t = new Thread(r, "question-embedder-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
    }

    /** The model as the index records it. */
    public IndexModel indexModel() {
        return new IndexModel(config.modelName(), config.dimension());
    }

    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
