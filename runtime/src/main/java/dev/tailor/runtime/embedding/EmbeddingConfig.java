package dev.tailor.runtime.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedding model of the index ({@code tailor.embedding.*}; env {@code TAILOR_EMBEDDING_*}). */
@ConfigMapping(prefix = "tailor.embedding")
public interface EmbeddingConfig {

    /**
     * Name recorded in the index (env {@code TAILOR_EMBEDDING_MODEL_NAME}). ingest-service records it when it creates
     * the index; a service configured with another name refuses to serve against that index.
     */
    @WithDefault(IndexEmbedding.DEFAULT_MODEL_NAME)
    String modelName();

    /** Vector dimension of the model (env {@code TAILOR_EMBEDDING_DIMENSION}). */
    @WithDefault("" + IndexEmbedding.DIMENSION)
    int dimension();

    /**
     * Threads of the model's own executor = inferences at once (env {@code TAILOR_EMBEDDING_THREADS}). Bounded and
     * separate from the worker pool, so that embedding cannot starve request handling; the ONNX model saturates a core
     * per thread, so more threads than cores only costs memory.
     */
    @WithDefault("2")
    int threads();
}
