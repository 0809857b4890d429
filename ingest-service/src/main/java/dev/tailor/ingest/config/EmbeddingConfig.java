package dev.tailor.ingest.config;

import dev.tailor.contracts.IndexEmbedding;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedding model ({@code tailor.embedding.*}; env {@code TAILOR_EMBEDDING_*}). */
@ConfigMapping(prefix = "tailor.embedding")
public interface EmbeddingConfig {

    /**
     * Name recorded in the index (env {@code TAILOR_EMBEDDING_MODEL_NAME}); query-service must use the same model,
     * and a service configured with another name refuses to start against this index.
     */
    @WithDefault(IndexEmbedding.DEFAULT_MODEL_NAME)
    String modelName();

    /** Vector dimension of the model (env {@code TAILOR_EMBEDDING_DIMENSION}). */
    @WithDefault("" + IndexEmbedding.DIMENSION)
    int dimension();

    /**
     * Threads of the embedding executor (env {@code TAILOR_EMBEDDING_THREADS}). The ONNX model saturates a core
     * per thread; more threads than cores only costs memory.
     */
    @WithDefault("2")
    int threads();
}
