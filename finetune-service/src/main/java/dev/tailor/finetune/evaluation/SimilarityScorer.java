package dev.tailor.finetune.evaluation;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.tailor.runtime.embedding.IndexEmbedding;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Semantic similarity of an answer to its reference: cosine of their embeddings by the index's model, clamped to
 * [0, 1]. The model costs ~1 GB RSS when loaded; the shared {@link IndexEmbedding} loads it on its first use, and most
 * of the time this service evaluates nothing.
 */
@ApplicationScoped
public class SimilarityScorer {

    private final IndexEmbedding embedding;

    SimilarityScorer(IndexEmbedding embedding) {
        this.embedding = embedding;
    }

    public double similarity(String answer, String reference) {
        if (answer == null || answer.isBlank() || reference == null || reference.isBlank()) {
            return 0.0;
        }
        List<float[]> vectors = embedding.embedAll(List.of(answer, reference));
        return Math.max(0.0, CosineSimilarity.between(Embedding.from(vectors.get(0)), Embedding.from(vectors.get(1))));
    }
}
