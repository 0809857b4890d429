package dev.tailor.finetune.evaluation;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.tailor.finetune.config.EmbeddingConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Semantic similarity of an answer to its reference: cosine of their in-process MiniLM embeddings, clamped to
 * [0, 1]. The model is ours, built on a small executor of its own (not quarkus-langchain4j's bean, which runs on
 * the shared worker pool): ~1 GB RSS when loaded, so it is created on first use, and an evaluation cannot starve
 * request handling.
 */
@ApplicationScoped
public class SimilarityScorer {

    @Inject
    EmbeddingConfig config;

    private volatile ExecutorService executor;
    private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;

    public double similarity(String answer, String reference) {
        if (answer == null || answer.isBlank() || reference == null || reference.isBlank()) {
            return 0.0;
        }
        var m = model();
        Embedding a = m.embed(answer).content();
        Embedding r = m.embed(reference).content();
        return Math.max(0.0, CosineSimilarity.between(a, r));
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel model() {
        if (model == null) {
            synchronized (this) {
                if (model == null) {
                    executor = Executors.newFixedThreadPool(Math.max(1, config.threads()),
                            r -> new Thread(r, "eval-embedding"));
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel(executor);
                }
            }
        }
        return model;
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
