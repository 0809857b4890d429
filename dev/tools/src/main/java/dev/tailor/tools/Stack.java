package dev.tailor.tools;

import dev.tailor.contracts.WeaviateConnection;
import io.weaviate.client6.v1.api.WeaviateClient;

import java.net.URI;
import java.util.Optional;

/** Addresses of the local stack, overridable by the same environment variables the services read. */
public record Stack(String kafkaBootstrap, URI weaviateUrl, int weaviateGrpcPort, String oidcIssuer) {

    public static Stack fromEnvironment() {
        return new Stack(
                env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
                URI.create(env("WEAVIATE_URL", "http://127.0.0.1:8090")),
                Integer.parseInt(env("WEAVIATE_GRPC_PORT", "50051")),
                env("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:8180/realms/tailor"));
    }

    public WeaviateClient weaviate() {
        return WeaviateConnection.open(weaviateUrl, weaviateGrpcPort, Optional.ofNullable(System.getenv("WEAVIATE_API_KEY")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
