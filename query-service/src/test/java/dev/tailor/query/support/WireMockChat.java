package dev.tailor.query.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A fake OpenAI-compatible chat provider on a free port: the only fake in the query tests, at the HTTP boundary.
 * Enables the chat model and points query-service at it with a short timeout: the tests that use it are about what a
 * hosted provider receives and how its failures are answered.
 */
public class WireMockChat implements QuarkusTestResourceLifecycleManager {

    public static final String MODEL = "gpt-test";
    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return Map.of(
                "tailor.query.chat.enabled", "true",
                "tailor.query.chat.base-url", "http://localhost:" + server.port() + "/v1",
                "tailor.query.chat.api-key", "test-key",
                "tailor.query.chat.model", MODEL,
                "tailor.query.chat.timeout", "4s",
                "tailor.query.chat.max-retries", "1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
