package dev.tailor.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where the index lives ({@code tailor.weaviate.*}). */
@ConfigMapping(prefix = "tailor.weaviate")
public interface WeaviateConfig {

    /** HTTP address of Weaviate (env {@code WEAVIATE_URL}, default {@code http://127.0.0.1:8090}). */
    URI url();

    /** gRPC port, on the host of {@link #url()} (env {@code WEAVIATE_GRPC_PORT}, default 50051). */
    @WithDefault("50051")
    int grpcPort();

    /** API key, when Weaviate requires one (env {@code WEAVIATE_API_KEY}); anonymous access otherwise. */
    Optional<String> apiKey();

    /**
     * How long start-up waits for Weaviate to create or verify the schema before failing
     * (env {@code TAILOR_WEAVIATE_STARTUP_WAIT}).
     */
    @WithDefault("60s")
    Duration startupWait();
}
