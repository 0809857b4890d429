package dev.tailor.query.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Topics;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.query.support.WireMockChat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A model promoted on the real {@code models.registry} answers only users holding a role of its group: the
 * promotion names the finance group, so bob (finance) may be answered by it and alice (engineering) never is, under
 * any strategy, by name on /v1, or through {@code auto} after an evaluation on the real {@code models.evaluations}
 * found the model best.
 */
@QuarkusTest
@WithTestResource(WireMockChat.class)
class FineTunedRoutingTest {

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();
    // sorts first and scores the most, so that bob's eligible model is this one whatever else the shared stack holds
    static final String GROUP = "0-it-routing-" + UUID.randomUUID().toString().substring(0, 8);
    static final String MODEL = "ft:gpt-test:tailor:" + GROUP;

    @BeforeAll
    static void promote() {
        TopicWriter.publishJson(Topics.MODELS_REGISTRY, GROUP, new ModelPromotion(GROUP, MODEL, "openai", "gpt-test", List.of("finance"),
                "fingerprint-" + GROUP, 1.0, null, Instant.now()));
        // the latest evaluation found the model alone (no retrieval) best
        TopicWriter.publishJson(Topics.MODELS_EVALUATIONS, GROUP, new GroupEvaluation(GROUP, List.of("finance"), "ev-" + GROUP,
                Instant.now(), MODEL, List.of(
                new GroupEvaluation.StrategyScore("rag", 40, 0.6, null, null, 0.5, 800, 40, 0.002, 900),
                new GroupEvaluation.StrategyScore("finetuned", 40, 0.8, null, null, 0.6, 60, 40, 0.0004, 300)), "finetuned"));
    }

    @AfterAll
    static void withdraw() {
        // tombstones withdraw the model and its evaluation, so no later test or demo user meets them
        TopicWriter.publishJson(Topics.MODELS_REGISTRY, GROUP, null);
        TopicWriter.publishJson(Topics.MODELS_EVALUATIONS, GROUP, null);
    }

    @BeforeEach
    void answering() {
        WireMockChat.server().resetAll();
        WireMockChat.server().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"chatcmpl-ft","object":"chat.completion","created":1,"model":"m",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"From the tuned model [1]."},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":100,"completion_tokens":5,"total_tokens":105}}""")));
    }

    @Test
    void aUserHoldingARoleOfTheGroupIsAnsweredByItsModel() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ask("bob", "finetuned+rag")
                .statusCode(200)
                .body("strategy", equalTo("finetuned+rag"))
                .body("model", equalTo(MODEL))
                .body("citations.size()", org.hamcrest.Matchers.greaterThan(0)));
        ask("bob", "finetuned").statusCode(200).body("strategy", equalTo("finetuned")).body("model", equalTo(MODEL))
                .body("citations.size()", equalTo(0));
        assertThat(modelsRequested()).contains(MODEL);
        given().auth().oauth2(Tokens.of("bob")).get("/v1/models").then().statusCode(200)
                .body("data.find { it.id == '" + MODEL + "' }.owned_by", equalTo("tailor:" + GROUP));
    }

    @Test
    void autoFollowsTheLatestEvaluation() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ask("bob", "auto").statusCode(200)
                .body("strategy", equalTo("finetuned"))
                .body("model", equalTo(MODEL)));
    }

    @Test
    void aUserOutsideTheGroupIsNeverAnsweredByItsModel() {
        // wait until the promotion and the evaluation are known (bob is routed to the model) before asserting absence
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ask("bob", "auto").statusCode(200)
                .body("model", equalTo(MODEL)));
        WireMockChat.server().resetRequests();

        ask("alice", "finetuned").statusCode(409);
        ask("alice", "finetuned+rag").statusCode(409);
        ask("alice", "auto").statusCode(200).body("strategy", equalTo("rag"));
        ask("dave", "auto").statusCode(200).body("strategy", equalTo("rag"));
        ask("dave", "rag").statusCode(200).body("strategy", equalTo("rag"));
        for (String user : List.of("alice", "dave")) {
            given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                    .body(Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", "secret word?"))))
                    .post("/v1/chat/completions").then().statusCode(404).body("error.code", equalTo("model_not_found"));
            given().auth().oauth2(Tokens.of(user)).get("/v1/models").then().statusCode(200)
                    .body("data.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(MODEL)));
            given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                    .body(Map.of("model", "tailor", "messages", List.of(Map.of("role", "user", "content", "secret word?"))))
                    .post("/v1/chat/completions").then().statusCode(200);
        }

        assertThat(modelsRequested()).doesNotContain(MODEL);
    }

    private static io.restassured.response.ValidatableResponse ask(String user, String strategy) {
        return given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("question", "Which " + CORPUS.marker + " secret word is known?", "strategy", strategy))
                .post("/api/v1/ask").then();
    }

    private static List<String> modelsRequested() {
        ObjectMapper json = new ObjectMapper();
        return WireMockChat.server().findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .map(body -> {
                    try {
                        return json.readTree(body).path("model").asText();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
