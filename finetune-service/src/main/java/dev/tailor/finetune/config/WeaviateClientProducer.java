package dev.tailor.finetune.config;

import io.weaviate.client6.v1.api.Authentication;
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
