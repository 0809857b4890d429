package dev.tailor.finetune.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/** Where Weaviate is ({@code tailor.weaviate.*}). */
@ConfigMapping(prefix = "tailor.weaviate")
public interface WeaviateConfig {

    /** HTTP address of Weaviate. Env: WEAVIATE_URL. */
    @WithDefault("http://127.0.0.1:8090")
    URI url();

    /** gRPC port of Weaviate (same host as the URL); queries go over gRPC. Env: WEAVIATE_GRPC_PORT. */
    @WithDefault("50051")
    int grpcPort();

    /** API key, when Weaviate requires one. Env: WEAVIATE_API_KEY. */
    Optional<String> apiKey();
}
