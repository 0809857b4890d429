package dev.tailor.runtime.weaviate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the index lives ({@code tailor.weaviate.*}; env {@code TAILOR_WEAVIATE_*}). The documented public env names
 * {@code WEAVIATE_URL}, {@code WEAVIATE_GRPC_PORT} and {@code WEAVIATE_API_KEY} are read by the defaults below.
 */
@ConfigMapping(prefix = "tailor.weaviate")
public interface WeaviateConfig {

    /** HTTP address of Weaviate (env {@code WEAVIATE_URL}, default {@code http://127.0.0.1:8090}). */
    @WithDefault("${WEAVIATE_URL:http://127.0.0.1:8090}")
    URI url();

    /** gRPC port, on the host of {@link #url()}: queries and batch writes go over gRPC (env {@code WEAVIATE_GRPC_PORT}). */
    @WithDefault("${WEAVIATE_GRPC_PORT:50051}")
    int grpcPort();

    /** API key, when Weaviate requires one (env {@code WEAVIATE_API_KEY}); anonymous access otherwise. */
    @WithDefault("${WEAVIATE_API_KEY:}")
    Optional<String> apiKey();

    /**
     * How long the service that creates the index (ingest-service) waits at start-up for Weaviate before failing
     * (env {@code TAILOR_WEAVIATE_STARTUP_WAIT}).
     */
    @WithDefault("60s")
    Duration startupWait();
}
