package dev.tailor.query.rest;

import dev.tailor.testsupport.Tokens;
import dev.tailor.query.support.ExtractiveAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad requests get 400 with a message saying what is wrong: problem details on /api, OpenAI's error object on /v1. */
@QuarkusTest
@TestProfile(ExtractiveAnswers.class)
class MalformedRequestTest {

    private static io.restassured.specification.RequestSpecification alice() {
        return given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON);
    }

    @Test
    void aBlankQuestionIs400() {
        alice().body(Map.of("question", "  ")).post("/api/v1/ask")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("title", equalTo("Bad Request"))
                .body("detail", containsString("question must not be blank"));
    }

    @Test
    void topKOutOfRangeIs400() {
        alice().body(Map.of("query", "pager", "topK", 0)).post("/api/v1/search")
                .then().statusCode(400).body("detail", containsString("topK must be between 1 and 50"));
        alice().body(Map.of("question", "pager", "topK", 51)).post("/api/v1/ask")
                .then().statusCode(400).body("detail", containsString("topK must be between 1 and 50"));
    }

    @Test
    void anUnknownStrategyIs400() {
        alice().body(Map.of("question", "pager", "strategy", "magic")).post("/api/v1/ask")
                .then().statusCode(400).body("detail", containsString("strategy must be one of rag, extractive, finetuned, finetuned+rag, auto"));
    }

    @Test
    void invalidJsonIs400() {
        alice().body("{\"question\": ").post("/api/v1/ask")
                .then().statusCode(400).body("detail", containsString("not valid JSON"));
        alice().body("{\"query\": \"pager\", \"topK\": \"many\"}").post("/api/v1/search")
                .then().statusCode(400).body("detail", containsString("not valid JSON"));
        alice().body("{\"model\": ").post("/v1/chat/completions")
                .then().statusCode(400).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("not valid JSON"));
    }

    @Test
    void aMissingBodyIs400() {
        alice().post("/api/v1/search").then().statusCode(400).body("detail", containsString("a JSON body is required"));
    }

    @Test
    void anUnknownChatModelIs404AsOpenAiAnswersIt() {
        alice().body(Map.of("model", "gpt-4", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions")
                .then().statusCode(404).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("model_not_found"))
                .body("error.param", equalTo("model"))
                .body("error.message", containsString("'gpt-4' does not exist or you do not have access to it"));
        alice().get("/v1/models/gpt-4").then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void aChatWithoutUserMessageIs400() {
        alice().body(Map.of("model", "tailor-rag", "messages", List.of(Map.of("role", "system", "content", "hi"))))
                .post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", containsString("no user message"))
                .body("error.param", equalTo("messages"));
        alice().body(Map.of("model", "tailor-rag", "messages", List.of()))
                .post("/v1/chat/completions")
                .then().statusCode(400).body("error.message", containsString("messages must not be empty"))
                .body("error.param", equalTo("messages"));
    }

    @Test
    void whatTailorCannotHonourIsRefusedNamingTheParameter() {
        Map<String, Object> question = Map.of("role", "user", "content", "pager");
        record Refused(Map<String, Object> extra, String param, String message) {
        }
        for (Refused r : List.of(
                new Refused(Map.of("n", 2), "n", "n must be 1"),
                new Refused(Map.of("tools", List.of(Map.of("type", "function", "function", Map.of("name", "f")))),
                        "tools", "does not call tools"),
                new Refused(Map.of("response_format", Map.of("type", "json_object")), "response_format", "must be text"),
                new Refused(Map.of("top_p", 1.5), "top_p", "top_p must be greater than 0 and at most 1"),
                new Refused(Map.of("temperature", 3), "temperature", "temperature must be between 0 and 2"),
                new Refused(Map.of("max_tokens", 0), "max_tokens", "max_tokens must be at least 1"),
                new Refused(Map.of("stop", List.of("a", "b", "c", "d", "e")), "stop", "at most 4 strings"))) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("model", "tailor-rag", "messages", List.of(question)));
            body.putAll(r.extra());
            alice().body(body).post("/v1/chat/completions")
                    .then().statusCode(400).contentType("application/json")
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.param", equalTo(r.param()))
                    .body("error.message", containsString(r.message()));
        }
        alice().body(Map.of("model", "tailor-rag", "messages", List.of(Map.of("role", "tool", "content", "42"), question)))
                .post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", equalTo("messages[0].role"));
    }

    @Test
    void finetunedWithoutAnEligibleModelIs409() {
        // No chat provider in this configuration, so no fine-tuned model can answer anyone.
        for (String strategy : List.of("finetuned", "finetuned+rag")) {
            alice().body(Map.of("question", "pager", "strategy", strategy)).post("/api/v1/ask")
                    .then().statusCode(409).body("type", equalTo("urn:tailor:problem:no_eligible_model"));
        }
        alice().body(Map.of("model", "tailor-finetuned", "messages", List.of(Map.of("role", "user", "content", "pager"))))
                .post("/v1/chat/completions")
                .then().statusCode(409).body("error.code", equalTo("no_eligible_model"))
                .body("error.message", containsString("fine-tuned models need a chat provider"));
    }
}
