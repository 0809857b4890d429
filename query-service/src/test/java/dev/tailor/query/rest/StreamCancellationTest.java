package dev.tailor.query.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.query.support.SlowStreamingProvider;
import dev.tailor.testsupport.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that goes away in the middle of a streamed answer cancels the model call behind it. */
@QuarkusTest
@WithTestResource(SlowStreamingProvider.class)
class StreamCancellationTest {

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();

    @TestHTTPResource("/v1/chat/completions")
    URL completions;

    @Test
    void aClientGoingAwayCancelsTheModelCall() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(completions.toURI())
                        .header("Authorization", "Bearer " + Tokens.of("carol"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(Map.of(
                                "model", "tailor-rag", "stream", true, "top_k", 50, "messages", List.of(Map.of(
                                        "role", "user", "content", "Which " + CORPUS.marker + " secret word is known?"))))))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (InputStream body = response.body()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.contains("token2"));
            assertThat(line).as("the answer streams").isNotNull();
        } // the client goes away after three tokens, long before the model's 150

        await().atMost(Duration.ofSeconds(15)).untilTrue(SlowStreamingProvider.HUNG_UP);
        assertThat(SlowStreamingProvider.TOKENS_SENT.get()).isLessThan(100);
    }
}
