package dev.tailor.query.rest;

import dev.tailor.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad requests get 400 with a message saying what is wrong: problem details on /api, OpenAI's shape on /v1. */
@QuarkusTest
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
                .then().statusCode(400).body("detail", containsString("strategy must be one of rag, finetuned, auto"));
    }

    @Test
    void invalidJsonIs400() {
        alice().body("{\"question\": ").post("/api/v1/ask")
                .then().statusCode(400).body("detail", containsString("not valid JSON"));
        alice().body("{\"query\": \"pager\", \"topK\": \"many\"}").post("/api/v1/search")
                .then().statusCode(400).body("detail", containsString("not valid JSON"));
        alice().body("{\"model\": ").post("/v1/chat/completions")
                .then().statusCode(400).body("error", equalTo("bad_request")).body("message", containsString("not valid JSON"));
    }

    @Test
    void aMissingBodyIs400() {
        alice().post("/api/v1/search").then().statusCode(400).body("detail", containsString("a JSON body is required"));
    }

    @Test
    void anUnknownChatModelIs400() {
        alice().body(Map.of("model", "gpt-4", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions")
                .then().statusCode(400).contentType("application/json").body("error", equalTo("bad_request"))
                .body("message", containsString("unknown model 'gpt-4'"));
    }

    @Test
    void aChatWithoutUserMessageIs400() {
        alice().body(Map.of("model", "tailor-rag", "messages", List.of(Map.of("role", "system", "content", "hi"))))
                .post("/v1/chat/completions")
                .then().statusCode(400).body("message", containsString("no user message"));
        alice().body(Map.of("model", "tailor-rag", "messages", List.of()))
                .post("/v1/chat/completions")
                .then().statusCode(400).body("message", containsString("messages must not be empty"));
    }

    @Test
    void finetunedWithoutAnEligibleModelIs409() {
        // No chat provider in this configuration, so no fine-tuned model can answer anyone.
        alice().body(Map.of("question", "pager", "strategy", "finetuned")).post("/api/v1/ask")
                .then().statusCode(409).body("type", equalTo("urn:tailor:problem:no_eligible_model"));
    }
}
