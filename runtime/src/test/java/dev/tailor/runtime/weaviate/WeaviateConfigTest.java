package dev.tailor.runtime.weaviate;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The public env names (README, dev scripts, k8s) keep working; the mapping's own env names win over them. */
class WeaviateConfigTest {

    private static WeaviateConfig mapped(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters()
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(WeaviateConfig.class)
                .build();
        return config.getConfigMapping(WeaviateConfig.class);
    }

    @Test
    void theLocalStackByDefault() {
        WeaviateConfig config = mapped(Map.of());
        assertThat(config.url()).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThat(config.grpcPort()).isEqualTo(50051);
        assertThat(config.apiKey()).isEmpty();
    }

    @Test
    void thePublicEnvNamesAreRead() {
        WeaviateConfig config = mapped(Map.of("WEAVIATE_URL", "https://weaviate.example:8443",
                "WEAVIATE_GRPC_PORT", "443", "WEAVIATE_API_KEY", "k"));
        assertThat(config.url()).isEqualTo(URI.create("https://weaviate.example:8443"));
        assertThat(config.grpcPort()).isEqualTo(443);
        assertThat(config.apiKey()).contains("k");
    }

    @Test
    void theMappingsOwnEnvNameWins() {
        WeaviateConfig config = mapped(Map.of("WEAVIATE_URL", "http://public:1", "TAILOR_WEAVIATE_URL", "http://own:2"));
        assertThat(config.url()).isEqualTo(URI.create("http://own:2"));
    }
}
