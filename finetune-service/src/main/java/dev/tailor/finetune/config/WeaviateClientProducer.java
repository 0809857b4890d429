package dev.tailor.finetune.config;

import dev.tailor.contracts.WeaviateConnection;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** One Weaviate client for the application: it holds the HTTP and gRPC connection pools. */
@ApplicationScoped
public class WeaviateClientProducer {

    private static final Logger LOG = Logger.getLogger(WeaviateClientProducer.class);

    @Produces
    @Singleton
    WeaviateClient weaviateClient(WeaviateConfig config) {
        return WeaviateConnection.open(config.url(), config.grpcPort(), config.apiKey());
    }

    void close(@Disposes WeaviateClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing the Weaviate client failed", e);
        }
    }
}
