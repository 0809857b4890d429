package dev.tailor.finetune.evaluation;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.tailor.contracts.IndexEmbedding;
import dev.tailor.contracts.IndexModel;
import dev.tailor.finetune.config.EmbeddingConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Semantic similarity of an answer to its reference: cosine of their embeddings by the index's model
 * ({@link IndexEmbedding}, its own small executor), clamped to [0, 1]. The model costs ~1 GB RSS when loaded, so it
 * is created on first use: most of the time this service evaluates nothing.
 */
@ApplicationScoped
public class SimilarityScorer {

    @Inject
    EmbeddingConfig config;

    private volatile IndexEmbedding embedding;

    public double similarity(String answer, String reference) {
        if (answer == null || answer.isBlank() || reference == null || reference.isBlank()) {
            return 0.0;
        }
        List<float[]> vectors = embedding().embedAll(List.of(answer, reference));
        return Math.max(0.0, CosineSimilarity.between(Embedding.from(vectors.get(0)), Embedding.from(vectors.get(1))));
    }

    private IndexEmbedding embedding() {
        if (embedding == null) {
            synchronized (this) {
                if (embedding == null) {
                    embedding = new IndexEmbedding(new IndexModel(config.modelName(), config.dimension()),
                            config.threads(), "eval-embedding");
                }
            }
        }
        return embedding;
    }

    void stop(@Observes ShutdownEvent event) {
        if (embedding != null) {
            embedding.close();
        }
    }
}
