package dev.tailor.testsupport;

import dev.tailor.runtime.weaviate.WeaviateClients;
import io.weaviate.client6.v1.api.WeaviateClient;

import java.net.URI;
import java.util.Optional;

/**
 * Addresses of the real stack the tests run against, from the same environment variables the services read
 * (KAFKA_BOOTSTRAP_SERVERS, WEAVIATE_URL, WEAVIATE_GRPC_PORT, WEAVIATE_API_KEY, OIDC_AUTH_SERVER_URL), with the
 * addresses of the local stack ({@code dev/up}) by default.
 */
public record Stack(String kafkaBootstrap, URI weaviateUrl, int weaviateGrpcPort, Optional<String> weaviateApiKey,
        String oidcIssuer) {

    public static Stack fromEnvironment() {
        return new Stack(
                env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                URI.create(env("WEAVIATE_URL", "http://127.0.0.1:8090")),
                Integer.parseInt(env("WEAVIATE_GRPC_PORT", "50051")),
                Optional.ofNullable(System.getenv("WEAVIATE_API_KEY")),
                env("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:8180/realms/tailor"));
    }

    /** A client of its own; the caller closes it. */
    public WeaviateClient weaviate() {
        return WeaviateClients.open(weaviateUrl, weaviateGrpcPort, weaviateApiKey);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
