package dev.tailor.ingest.inmemory;

import dev.tailor.ingest.index.FakeDocumentIndex;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service with its Kafka channels in memory (SmallRye's in-memory connector) and the index replaced by
 * {@link FakeDocumentIndex}: the consumer's logic without Kafka, Weaviate or Keycloak.
 */
public class InMemoryProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FakeDocumentIndex.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // nothing may reach Weaviate: the schema check at start and its readiness check go
                "quarkus.arc.exclude-types", "dev.tailor.ingest.index.SchemaInitializer,"
                        + "dev.tailor.ingest.health.WeaviateHealthCheck",
                "quarkus.oidc.tenant-enabled", "false",
                "tailor.ingest.retry.initial-backoff", "10ms",
                "tailor.ingest.retry.max-backoff", "50ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Channels.class));
    }

    /** Switches the service's channels to the in-memory connector. */
    public static class Channels implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>();
            config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory("docs-changes"));
            config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory("docs-changes-dlq", "docs-indexed"));
            return config;
        }

        @Override
        public void stop() {
            InMemoryConnector.clear();
        }
    }
}
