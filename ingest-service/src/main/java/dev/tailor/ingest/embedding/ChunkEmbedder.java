package dev.tailor.ingest.embedding;

import dev.tailor.contracts.IndexEmbedding;
import dev.tailor.contracts.IndexModel;
import dev.tailor.ingest.config.EmbeddingConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Embeds chunk texts with the index's model ({@link IndexEmbedding}: its own small executor). */
// loaded at start, not on the first event, which would otherwise wait seconds for the model
@Startup
@ApplicationScoped
public class ChunkEmbedder {

    private final IndexEmbedding embedding;

    ChunkEmbedder(EmbeddingConfig config) {
        this.embedding = new IndexEmbedding(new IndexModel(config.modelName(), config.dimension()), config.threads(),
                "embedding");
    }

    /** Vectors of {@code texts}, in order; one batch, spread over the executor's threads. */
    public List<float[]> embedAll(List<String> texts) {
        return embedding.embedAll(texts);
    }

    @PreDestroy
    void close() {
        embedding.close();
    }
}
