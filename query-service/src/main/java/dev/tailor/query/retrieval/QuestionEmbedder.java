package dev.tailor.query.retrieval;

import dev.tailor.contracts.IndexEmbedding;
import dev.tailor.contracts.IndexModel;
import dev.tailor.query.config.EmbeddingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Embeds questions with the model ingest-service builds the index with ({@link IndexEmbedding}: its own small
 * executor, so a burst of questions cannot starve request handling).
 */
@ApplicationScoped
public class QuestionEmbedder {

    private final IndexEmbedding embedding;

    QuestionEmbedder(EmbeddingConfig config) {
        this.embedding = new IndexEmbedding(new IndexModel(config.modelName(), config.dimension()), config.threads(),
                "question-embedder");
    }

    /** The model as the index records it. */
    public IndexModel indexModel() {
        return embedding.indexModel();
    }

    public float[] embed(String text) {
        return embedding.embed(text);
    }

    @PreDestroy
    void shutdown() {
        embedding.close();
    }
}
