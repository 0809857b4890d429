package dev.tailor.ingest.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.tailor.ingest.config.EmbeddingConfig;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds chunk texts with the in-process MiniLM model on its own small, bounded executor.
 *
 * <p>Why not the bean quarkus-langchain4j exposes: it runs the ONNX model on the shared worker pool, where one
 * large document can occupy every worker thread (starving HTTP and messaging) and each concurrent inference
 * allocates its own buffers (RSS reaching ~1 GB). A fixed pool of {@code tailor.embedding.threads} caps both. The
 * instance is private to this class, so no second {@code EmbeddingModel} bean competes with the extension's.
 */
// loaded at start, not on the first event, which would otherwise wait seconds for the model
@Startup
@ApplicationScoped
public class ChunkEmbedder {

    private final ExecutorService executor;
    private final EmbeddingModel model;
    private final int dimension;

    ChunkEmbedder(EmbeddingConfig config) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "embedding-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
        this.dimension = config.dimension();
    }

    /** Vectors of {@code texts}, in order; one batch, spread over the executor's threads. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        List<float[]> vectors = embeddings.stream().map(Embedding::vector).toList();
        for (float[] v : vectors) {
            if (v.length != dimension) {
                throw new IllegalStateException("the embedding model returned " + v.length
                        + " dimensions, configured tailor.embedding.dimension is " + dimension);
            }
        }
        return vectors;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
