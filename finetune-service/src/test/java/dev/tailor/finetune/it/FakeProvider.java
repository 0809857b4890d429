package dev.tailor.finetune.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * The OpenAI-compatible provider (files, fine-tuning jobs, chat completions) faked by WireMock; the only fake in
 * these tests: Kafka, Weaviate, Keycloak and the embedding model are real.
 */
public class FakeProvider implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        // an unexpected request is printed, so a failing test says what the service actually sent
        server.addMockServiceRequestListener((request, response) -> {
            if (response.getStatus() == 404) {
                System.out.println("UNMATCHED " + request.getMethod() + " " + request.getUrl() + " "
                        + request.getBodyAsString());
            }
        });
        // anything not stubbed by a test is a clear 404, never a hang
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404).withBody("not stubbed")));
        String v1 = server.baseUrl() + "/v1";
        return Map.ofEntries(
                Map.entry("tailor.finetune.provider.base-url", v1),
                Map.entry("tailor.finetune.provider.api-key", "test-key"),
                Map.entry("tailor.finetune.provider.attempts", "2"),
                Map.entry("tailor.finetune.provider.backoff", "PT0.1S"),
                Map.entry("tailor.finetune.generation.base-url", v1),
                Map.entry("tailor.finetune.generation.model", "qa-writer"),
                Map.entry("tailor.finetune.generation.pairs-per-document", "4"),
                Map.entry("tailor.finetune.quiet-period", "PT20S"),
                Map.entry("tailor.finetune.min-examples", "3"),
                Map.entry("tailor.finetune.poll-interval", "PT0.3S"),
                Map.entry("tailor.finetune.schedule.cron", "off"),
                Map.entry("tailor.finetune.evaluation.threshold", "0.6"),
                Map.entry("tailor.finetune.dataset.path", Path.of("target", "test-datasets").toAbsolutePath().toString()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
