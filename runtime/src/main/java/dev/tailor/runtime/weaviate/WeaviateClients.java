package dev.tailor.runtime.weaviate;

import io.weaviate.client6.v1.api.Authentication;
import io.weaviate.client6.v1.api.WeaviateClient;

import java.net.URI;
import java.util.Optional;

/**
 * How every Tailor component connects to Weaviate: HTTP at the URL, gRPC on the same host. A service gets its one
 * client from {@link WeaviateClientProducer}; tools and tests open their own.
 */
public final class WeaviateClients {

    private WeaviateClients() {
    }

    /**
     * @param url      HTTP address ({@code http://host:port}; the port defaults to the scheme's)
     * @param grpcPort gRPC port on the same host
     * @param apiKey   API key, when Weaviate requires one (blank means none)
     */
    public static WeaviateClient open(URI url, int grpcPort, Optional<String> apiKey) {
        int httpPort = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
        return WeaviateClient.connectToCustom(c -> {
            c.scheme(url.getScheme()).httpHost(url.getHost()).httpPort(httpPort)
                    .grpcHost(url.getHost()).grpcPort(grpcPort);
            apiKey.filter(k -> !k.isBlank()).ifPresent(k -> c.authentication(Authentication.apiKey(k)));
            return c;
        });
    }
}
