package dev.tailor.query.answering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.testsupport.Tokens;
import dev.tailor.query.support.WireMockChat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What reaches the chat model: only permitted passages, numbered, with grounding instructions. */
@QuarkusTest
@WithTestResource(WireMockChat.class)
class ChatModelPromptTest {

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();
    static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-test",
             "choices":[{"index":0,"message":{"role":"assistant","content":"The secret is in the handbook [1]."},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":321,"completion_tokens":9,"total_tokens":330}}""";



    @BeforeEach
    void answering() {
        WireMockChat.server().resetAll();
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(COMPLETION)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob", "carol", "dave", "admin"})
    void thePromptHoldsOnlyPassagesTheUserMayRead(String user) throws Exception {
        given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("question", "Which " + CORPUS.marker + " secret word is known?", "topK", 50))
                .post("/api/v1/ask")
                .then().statusCode(200)
                .body("answer", equalTo("The secret is in the handbook [1]."))
                .body("model", equalTo(WireMockChat.MODEL))
                .body("usage.promptTokens", equalTo(321))
                .body("usage.completionTokens", equalTo(9));

        String prompt = onlyPrompt();
        for (String name : CORPUS.names()) {
            if (DemoCorpus.READABLE.get(user).contains(name)) {
                assertThat(prompt).as("%s may read %s", user, name).contains(CORPUS.secretWord(name));
            } else {
                assertThat(prompt).as("%s must not be shown %s", user, name).doesNotContain(CORPUS.secretWord(name));
            }
        }
        assertThat(prompt).contains("Answer ONLY from the numbered context passages").contains("[1] ");
    }

    @Test
    void chatCompletionsSendTheSameFilteredPrompt() throws Exception {
        given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON)
                .body(Map.of("model", "tailor-rag", "top_k", 50, "messages", List.of(
                        Map.of("role", "user", "content", "Which " + CORPUS.marker + " secret word is known?"))))
                .post("/v1/chat/completions")
                .then().statusCode(200)
                .body("choices[0].message.content", equalTo("The secret is in the handbook [1]."))
                .body("usage.total_tokens", equalTo(330));

        String prompt = onlyPrompt();
        assertThat(prompt).contains(CORPUS.secretWord("hr")).contains(CORPUS.secretWord("pub"))
                .doesNotContain(CORPUS.secretWord("eng")).doesNotContain(CORPUS.secretWord("fin"))
                .doesNotContain(CORPUS.secretWord("engfin")).doesNotContain(CORPUS.secretWord("adm"));
    }

    @Test
    void aModelTimingOutGives503ThatLeaksNothing() {
        WireMockChat.server().resetAll();
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withFixedDelay(15_000).withHeader("Content-Type", "application/json").withBody(COMPLETION)));

        String body = given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON)
                .body(Map.of("question", "Which " + CORPUS.marker + " secret word is known?"))
                .post("/api/v1/ask")
                .then().statusCode(503)
                .body("type", equalTo("urn:tailor:problem:model_unavailable"))
                .extract().asString();

        assertThat(body).contains("unavailable or timed out")
                .doesNotContain("localhost").doesNotContain(String.valueOf(WireMockChat.server().port()))
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("test-key");
    }

    @Test
    void aFailingProviderGives503() {
        WireMockChat.server().resetAll();
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(500).withBody("{\"error\":{\"message\":\"upstream exploded at http://internal\"}}")));

        String body = given().auth().oauth2(Tokens.of("bob")).contentType(ContentType.JSON)
                .body(Map.of("model", "tailor-rag", "messages", List.of(Map.of("role", "user", "content", CORPUS.marker))))
                .post("/v1/chat/completions")
                .then().statusCode(503).extract().asString();

        assertThat(body).doesNotContain("exploded").doesNotContain("internal").doesNotContain("localhost");
    }

    private static String onlyPrompt() throws Exception {
        List<LoggedRequest> requests = WireMockChat.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(requests).hasSize(1);
        JsonNode body = new ObjectMapper().readTree(requests.get(0).getBodyAsString());
        assertThat(body.path("model").asText()).isEqualTo(WireMockChat.MODEL);
        return body.path("messages").toString();
    }
}
