package dev.tailor.finetune.config;

import dev.tailor.contracts.IndexEmbedding;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The embedding model the evaluation gate scores answers with ({@code tailor.embedding.*}). */
@ConfigMapping(prefix = "tailor.embedding")
public interface EmbeddingConfig {

    /** Name of the in-process model (the index records the same name). Env: TAILOR_EMBEDDING_MODEL_NAME. */
    @WithDefault(IndexEmbedding.DEFAULT_MODEL_NAME)
    String modelName();

    /** Vector dimension of the model. Env: TAILOR_EMBEDDING_DIMENSION. */
    @WithDefault("" + IndexEmbedding.DIMENSION)
    int dimension();

    /**
     * Threads of the scorer's own executor. Bounded and separate from the worker pool: the ONNX model saturates a
     * core per thread, and on the shared pool an evaluation would starve request handling. Env: TAILOR_EMBEDDING_THREADS.
     */
    @WithDefault("2")
    int threads();
}
