package dev.tailor.query.answering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.testsupport.Tokens;
import dev.tailor.query.support.WireMockChat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** stream: true passes the model's tokens on as the provider sends them, under the same access rules. */
@QuarkusTest
@WithTestResource(WireMockChat.class)
class StreamedChatTest {

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();
    static final List<String> TOKENS = List.of("The ", "secret ", "is ", "in ", "the ", "handbook ", "[1].");
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/chat/completions")
    URL completions;



    @BeforeEach
    void providerStreamsSlowly() {
        WireMockChat.server().resetAll();
        // the provider's stream takes 1.5 s from its first byte to its last
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(providerStream())
                        .withChunkedDribbleDelay(10, 1500)));
    }

    @Test
    void tokensReachTheClientWhileTheModelIsStillWriting() throws Exception {
        List<Long> contentAt = new ArrayList<>();
        List<String> deltas = new ArrayList<>();
        List<String> cited = new ArrayList<>();
        long doneAt = 0;
        long start = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(completions.toURI())
                        .header("Authorization", "Bearer " + Tokens.of("carol"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("model", "tailor-rag",
                                "stream", true, "top_k", 50, "messages", List.of(Map.of("role", "user",
                                        "content", "Which " + CORPUS.marker + " secret word is known?"))))))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (!line.startsWith("data: ")) {
                continue;
            }
            String data = line.substring("data: ".length());
            if (data.equals("[DONE]")) {
                doneAt = System.nanoTime() - start;
                break;
            }
            JsonNode chunk = JSON.readTree(data);
            chunk.path("citations").forEach(c -> cited.add(c.path("docId").asText()));
            JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                deltas.add(content.asText());
                contentAt.add(System.nanoTime() - start);
            }
        }

        assertThat(String.join("", deltas)).isEqualTo(String.join("", TOKENS));
        assertThat(doneAt).as("the stream ends with [DONE]").isPositive();
        assertThat(CORPUS.ours(cited)).as("citations of the finish chunk").isEqualTo(DemoCorpus.READABLE.get("carol"));
        // relayed as they came: the first token long before the last (buffering the answer would deliver them together)
        assertThat((doneAt - contentAt.get(0)) / 1_000_000).isGreaterThan(500);
        String sent = WireMockChat.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))
                .get(0).getBodyAsString();
        assertThat(sent).contains(CORPUS.secretWord("hr")).doesNotContain(CORPUS.secretWord("eng"))
                .doesNotContain(CORPUS.secretWord("fin"));
    }

    @Test
    void aProviderFailingBeforeItsFirstTokenGives503NotAStream() {
        WireMockChat.server().resetAll();
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(500).withBody("{\"error\":{\"message\":\"upstream exploded at http://internal\"}}")));

        String body = given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON)
                .body(Map.of("model", "tailor-rag", "stream", true, "messages", List.of(
                        Map.of("role", "user", "content", "Which " + CORPUS.marker + " secret word is known?"))))
                .post("/v1/chat/completions")
                .then().statusCode(503).contentType(ContentType.JSON).extract().asString();

        assertThat(body).contains("model_unavailable").doesNotContain("exploded").doesNotContain("internal");
    }

    private static String providerStream() {
        StringBuilder sse = new StringBuilder();
        sse.append(event("{\"role\":\"assistant\",\"content\":\"\"}", null));
        TOKENS.forEach(t -> sse.append(event("{\"content\":\"" + t + "\"}", null)));
        sse.append(event("{}", "\"stop\""));
        sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":7,\"total_tokens\":47}}\n\n");
        return sse.append("data: [DONE]\n\n").toString();
    }

    private static String event(String delta, String finishReason) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-test\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]}\n\n";
    }
}
