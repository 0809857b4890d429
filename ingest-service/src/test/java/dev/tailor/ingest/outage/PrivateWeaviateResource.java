package dev.tailor.ingest.outage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.util.Map;

/** Points the service at a {@link PrivateWeaviate} the test may kill and restart. */
public class PrivateWeaviateResource implements QuarkusTestResourceLifecycleManager {

    static volatile PrivateWeaviate weaviate;

    @Override
    public Map<String, String> start() {
        try {
            weaviate = new PrivateWeaviate();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        weaviate.start();
        return Map.of(
                "tailor.weaviate.url", weaviate.url(),
                "tailor.weaviate.grpc-port", Integer.toString(weaviate.grpcPort));
    }

    @Override
    public void stop() {
        if (weaviate != null) {
            weaviate.stopAndDelete();
        }
    }
}
