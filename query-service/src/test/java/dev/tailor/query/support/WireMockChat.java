package dev.tailor.query.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A fake OpenAI-compatible chat provider on a free port: the only fake in the query tests, at the HTTP boundary.
 * Enables the chat model and points quarkus-langchain4j at it with a short timeout.
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
                "quarkus.langchain4j.openai.base-url", "http://localhost:" + server.port() + "/v1",
                "quarkus.langchain4j.openai.api-key", "test-key",
                "quarkus.langchain4j.openai.chat-model.model-name", MODEL,
                "quarkus.langchain4j.openai.timeout", "2s",
                "quarkus.langchain4j.openai.max-retries", "1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
