package dev.tailor.ingest.outage;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Own consumer group, new at every run (so it takes no partitions from the other tests' group and has no
 * backlog to catch up with) and a private Weaviate.
 * Both groups read every test's events; each instance indexes them into its own Weaviate, so they don't interfere.
 */
public class OutageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.docs-changes.group.id", "ingest-service-outage-test-" + UUID.randomUUID(),
                "tailor.ingest.retry.max-backoff", "1s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PrivateWeaviateResource.class));
    }
}
