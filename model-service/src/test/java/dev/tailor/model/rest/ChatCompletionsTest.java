package dev.tailor.model.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.model.support.Sse;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The base model through /v1/chat/completions, for real: SmolLM2-135M in llama.cpp, no fakes. */
@QuarkusTest
class ChatCompletionsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "smollm2-135m";
    static final Map<String, String> CONTEXT = Map.of("role", "system", "content",
            "Answer from the context only.\nContext: The Northwind cafeteria on floor 3 opens at 7:30 and the access code of the bike room is 4471.");
    static final Map<String, String> QUESTION = Map.of("role", "user", "content", "What is the access code of the bike room?");

    static Response complete(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/chat/completions");
    }

    @Test
    void answersFromTheContextItIsGiven() {
        JsonNode completion = json(complete(Map.of("model", BASE, "temperature", 0, "max_tokens", 40,
                "messages", List.of(CONTEXT, QUESTION))).then().statusCode(200)
                .contentType(startsWith("application/json")).extract().asString());

        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("model").asText()).isEqualTo(BASE);
        assertThat(completion.path("choices").get(0).path("message").path("content").asText()).contains("4471");
        JsonNode usage = completion.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isGreaterThan(20);
        assertThat(usage.path("completion_tokens").asInt()).isBetween(1, 40);
        assertThat(usage.path("total_tokens").asInt())
                .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
    }

    @Test
    void streamedDeltasRejoinToTheWholeAnswer() {
        Map<String, Object> request = Map.of("model", BASE, "temperature", 0, "max_tokens", 40, "seed", 7,
                "messages", List.of(CONTEXT, QUESTION));
        String whole = json(complete(request).then().statusCode(200).extract().asString())
                .path("choices").get(0).path("message").path("content").asText();

        Map<String, Object> streamed = new java.util.HashMap<>(request);
        streamed.put("stream", true);
        streamed.put("stream_options", Map.of("include_usage", true));
        String body = complete(streamed).then().statusCode(200).contentType(startsWith("text/event-stream"))
                .extract().asString();
        List<JsonNode> events = Sse.events(body);

        assertThat(events.get(events.size() - 1).asText()).isEqualTo("[DONE]");
        assertThat(events.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
        assertThat(events.size()).as("one event per piece of the answer").isGreaterThan(4);
        assertThat(Sse.content(events)).isEqualTo(whole);
        JsonNode finish = events.get(events.size() - 3);
        assertThat(finish.path("choices").get(0).path("finish_reason").asText()).isIn("stop", "length");
        JsonNode usage = events.get(events.size() - 2);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/event-stream", "*/*", "text/plain"})
    void whateverTheClientAcceptsTheBodyIsOpenAisJsonOrEvents(String accept) {
        // langchain4j and the openai SDKs send Accept: application/json, for streams too
        Map<String, Object> whole = Map.of("model", BASE, "max_tokens", 3,
                "messages", List.of(Map.of("role", "user", "content", "Say hi")));
        String body = given().accept(accept).contentType(ContentType.JSON).body(whole).post("/v1/chat/completions")
                .then().statusCode(200).contentType(startsWith("application/json")).extract().asString();
        assertThat(json(body).path("object").asText()).isEqualTo("chat.completion");

        Map<String, Object> streamed = new java.util.HashMap<>(whole);
        streamed.put("stream", true);
        String events = given().accept(accept).contentType(ContentType.JSON).body(streamed).post("/v1/chat/completions")
                .then().statusCode(200).contentType(startsWith("text/event-stream")).extract().asString();
        assertThat(events).startsWith("data: {").endsWith("data: [DONE]\n\n");
    }

    @Test
    void maxTokensEndsTheAnswerWithFinishReasonLength() {
        JsonNode completion = json(complete(Map.of("model", BASE, "temperature", 0, "max_tokens", 5,
                "messages", List.of(Map.of("role", "user", "content", "Write a long story about a robot who learns to paint."))))
                .then().statusCode(200).extract().asString());

        assertThat(completion.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(completion.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void aStopSequenceEndsTheAnswerBeforeIt() {
        Map<String, Object> counting = Map.of("model", BASE, "temperature", 0, "max_tokens", 60,
                "messages", List.of(Map.of("role", "user", "content", "Count from 1 to 20, separated by commas.")));
        String unstopped = text(complete(counting));
        assertThat(unstopped).as("without a stop sequence the count goes past 7").contains("7");

        Map<String, Object> stopped = new java.util.HashMap<>(counting);
        stopped.put("stop", List.of("7"));
        JsonNode completion = json(complete(stopped).then().statusCode(200).extract().asString());
        String answer = completion.path("choices").get(0).path("message").path("content").asText();

        assertThat(answer).doesNotContain("7").contains("6");
        assertThat(completion.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void aJsonSchemaResponseFormatYieldsJsonOfThatShape() throws Exception {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
                "code", Map.of("type", "string"), "floor", Map.of("type", "integer")), "required", List.of("code", "floor"));
        String answer = text(complete(Map.of("model", BASE, "temperature", 0, "max_tokens", 60,
                "messages", List.of(CONTEXT, Map.of("role", "user", "content", "Give the bike room code and the cafeteria floor as JSON.")),
                "response_format", Map.of("type", "json_schema", "json_schema", Map.of("name", "facts", "schema", schema)))));

        JsonNode parsed = JSON.readTree(answer);
        assertThat(parsed.path("code").isTextual()).as(answer).isTrue();
        assertThat(parsed.path("floor").isInt()).as(answer).isTrue();
    }

    @Test
    void requestsItCannotServeAreRefusedInOpenAisErrorShape() {
        complete(Map.of("model", "gpt-unknown", "messages", List.of(QUESTION))).then().statusCode(404)
                .body("error.code", equalTo("model_not_found")).body("error.param", equalTo("model"))
                .body("error.type", equalTo("invalid_request_error"));
        complete(Map.of("model", BASE, "n", 2, "messages", List.of(QUESTION))).then().statusCode(400)
                .body("error.param", equalTo("n"));
        complete(Map.of("model", BASE, "tools", List.of(Map.of("type", "function")), "messages", List.of(QUESTION)))
                .then().statusCode(400).body("error.param", equalTo("tools"));
        complete(Map.of("model", BASE, "messages", List.of(Map.of("role", "system", "content", "no question"))))
                .then().statusCode(400).body("error.param", equalTo("messages"));
        complete(Map.of("model", BASE, "max_tokens", 100_000, "messages", List.of(QUESTION))).then().statusCode(400)
                .body("error.code", equalTo("context_length_exceeded"));
        given().contentType(ContentType.JSON).body("{\"model\": ").post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void aStreamThatCannotStartGetsItsStatusNotAnEmptyStream() {
        complete(Map.of("model", BASE, "stream", true, "max_tokens", 100_000, "messages", List.of(QUESTION)))
                .then().statusCode(400).contentType(startsWith("application/json"))
                .body("error.code", equalTo("context_length_exceeded"));
        complete(Map.of("model", "ft:smollm2-135m:nobody:ftjob-none", "stream", true, "messages", List.of(QUESTION)))
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @Test
    void listsTheBaseModel() {
        given().get("/v1/models").then().statusCode(200).body("object", equalTo("list"))
                .body("data[0].id", equalTo(BASE)).body("data[0].object", equalTo("model"));
        given().get("/v1/models/" + BASE).then().statusCode(200).body("id", equalTo(BASE));
        given().get("/v1/models/nope").then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    static String text(Response response) {
        return json(response.then().statusCode(200).extract().asString())
                .path("choices").get(0).path("message").path("content").asText();
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
