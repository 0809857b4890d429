package dev.tailor.ingest.index;

import dev.tailor.ingest.config.WeaviateConfig;
import io.weaviate.client6.v1.api.Authentication;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The one Weaviate client of the service (it holds an HTTP and a gRPC connection pool). */
public class WeaviateClientProducer {

    private static final Logger LOG = Logger.getLogger(WeaviateClientProducer.class);

    @Produces
    @Singleton
    WeaviateClient weaviateClient(WeaviateConfig config) {
        var url = config.url();
        int httpPort = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        return WeaviateClient.connectToCustom(c -> {
            c.scheme(url.getScheme()).httpHost(url.getHost()).httpPort(httpPort)
                    .grpcHost(url.getHost()).grpcPort(config.grpcPort());
            config.apiKey().filter(k -> !k.isBlank()).ifPresent(k -> c.authentication(Authentication.apiKey(k)));
            return c;
        });
    }

    void close(@Disposes WeaviateClient client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("closing the Weaviate client failed", e);
        }
    }
}
