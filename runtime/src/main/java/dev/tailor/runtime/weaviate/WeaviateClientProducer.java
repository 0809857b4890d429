package dev.tailor.runtime.weaviate;

import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The one Weaviate client of a service: it holds an HTTP and a gRPC connection pool. */
public class WeaviateClientProducer {

    private static final Logger LOG = Logger.getLogger(WeaviateClientProducer.class);

    @Produces
    @Singleton
    WeaviateClient client(WeaviateConfig config) {
        return WeaviateClients.open(config.url(), config.grpcPort(), config.apiKey());
    }

    void close(@Disposes WeaviateClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing the Weaviate client failed", e);
        }
    }
}
