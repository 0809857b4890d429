package dev.tailor.query.config;

import dev.tailor.contracts.IndexEmbedding;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedding model questions are embedded with ({@code tailor.embedding.*}); it must be the one the index records. */
@ConfigMapping(prefix = "tailor.embedding")
public interface EmbeddingConfig {

    /**
     * Name recorded in the index by ingest-service. The service embeds with the in-process quantized
     * all-MiniLM-L6-v2; it serves only an index recording this name. Env: TAILOR_EMBEDDING_MODEL_NAME.
     */
    @WithDefault(IndexEmbedding.DEFAULT_MODEL_NAME)
    String modelName();

    /** Vector dimension of the model. Env: TAILOR_EMBEDDING_DIMENSION. */
    @WithDefault("" + IndexEmbedding.DIMENSION)
    int dimension();

    /**
     * Threads of the embedding model's own executor. Bounded and separate from the worker pool, so that
     * embedding questions cannot starve request handling, and ONNX does not spawn a thread per core per call.
     * Env: TAILOR_EMBEDDING_THREADS.
     */
    @WithDefault("2")
    int threads();
}
