package dev.tailor.ingest.index;

import dev.tailor.contracts.IndexModel;
import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.runtime.weaviate.IndexSchema;
import dev.tailor.runtime.weaviate.IndexSchema.IndexModelMismatch;
import dev.tailor.runtime.weaviate.WeaviateConfig;
import io.quarkus.runtime.StartupEvent;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Creates the collections on start if absent and refuses to start against an index built with another embedding
 * model: its vectors would not be comparable with ours, and every search would return nonsense.
 */
@ApplicationScoped
public class SchemaInitializer {

    private static final Logger LOG = Logger.getLogger(SchemaInitializer.class);

    private final WeaviateClient client;
    private final IndexEmbedding embedding;
    private final Duration startupWait;

    SchemaInitializer(WeaviateClient client, IndexEmbedding embedding, WeaviateConfig weaviate) {
        this.client = client;
        this.embedding = embedding;
        this.startupWait = weaviate.startupWait();
    }

    // Runs before the Kafka consumer starts (messaging starts at a later priority), so no event is processed
    // against a missing or foreign schema; it also loads the embedding model, which the first event would wait for.
    void onStart(@Observes @Priority(1) StartupEvent event) {
        IndexModel model = embedding.indexModel();
        long deadline = System.nanoTime() + startupWait.toNanos();
        while (true) {
            try {
                IndexSchema.ensure(client, model);
                LOG.infof("Weaviate index ready for embedding model %s", model);
                return;
            } catch (IndexModelMismatch e) {
                LOG.error("Refusing to start: " + e.getMessage());
                throw e;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Weaviate is unreachable (" + e.getMessage()
                            + "); ingest-service cannot create or verify its index", e);
                }
                LOG.warnf("Weaviate not reachable yet (%s); retrying", e.getMessage());
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Weaviate", e);
        }
    }
}
