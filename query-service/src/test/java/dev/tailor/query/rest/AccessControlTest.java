package dev.tailor.query.rest;

import dev.tailor.query.support.DemoCorpus;
import dev.tailor.testsupport.Tokens;
import dev.tailor.query.support.ExtractiveAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Each demo user sees exactly the seeded documents their roles allow, in search, ask and chat completions. */
@QuarkusTest
@TestProfile(ExtractiveAnswers.class)
class AccessControlTest {

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();



    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob", "carol", "dave", "admin"})
    void searchReturnsExactlyTheDocumentsTheUserMayRead(String user) {
        List<String> docIds = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("query", CORPUS.marker, "topK", 50))
                .post("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results.docId", String.class);

        assertThat(CORPUS.ours(docIds)).isEqualTo(DemoCorpus.READABLE.get(user));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob", "carol", "dave", "admin"})
    void askCitesOnlyAndAllTheDocumentsTheUserMayRead(String user) {
        Response response = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("question", "Which " + CORPUS.marker + " secret word is known?", "topK", 50, "strategy", "rag"))
                .post("/api/v1/ask")
                .then().statusCode(200).extract().response();

        assertThat(CORPUS.ours(response.jsonPath().getList("citations.docId", String.class)))
                .isEqualTo(DemoCorpus.READABLE.get(user));
        assertThat(response.jsonPath().getString("model")).isEqualTo("extractive");
        assertThat(response.jsonPath().getString("answer")).startsWith("Extractive answer");
        assertNoForeignSecret(user, response.asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "bob", "carol", "dave", "admin"})
    void chatCompletionsAnswerUnderTheSameRules(String user) {
        Response response = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("model", "tailor-rag", "top_k", 50, "messages", List.of(
                        Map.of("role", "system", "content", "Be brief."),
                        Map.of("role", "user", "content", "Which " + CORPUS.marker + " secret word is known?"))))
                .post("/v1/chat/completions")
                .then().statusCode(200).extract().response();

        assertThat(response.jsonPath().getString("object")).isEqualTo("chat.completion");
        assertThat(response.jsonPath().getString("choices[0].message.role")).isEqualTo("assistant");
        assertThat(CORPUS.ours(response.jsonPath().getList("citations.docId", String.class)))
                .isEqualTo(DemoCorpus.READABLE.get(user));
        assertNoForeignSecret(user, response.asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "dave"})
    void streamedChatCompletionsAreServerSentEventsEndingWithDone(String user) {
        String body = given().auth().oauth2(Tokens.of(user)).contentType(ContentType.JSON)
                .body(Map.of("model", "tailor", "stream", true, "top_k", 50, "messages", List.of(
                        Map.of("role", "user", "content", "Which " + CORPUS.marker + " secret word is known?"))))
                .post("/v1/chat/completions")
                .then().statusCode(200).contentType(containsEventStream()).extract().asString();

        List<String> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(line.substring("data: ".length()));
            }
        }
        assertThat(events).hasSizeGreaterThan(2);
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        assertThat(events.get(0)).contains("\"chat.completion.chunk\"").contains("\"role\":\"assistant\"");
        assertThat(events.get(events.size() - 2)).contains("\"finish_reason\":\"stop\"");
        assertThat(body).contains("Extractive answer");
        assertNoForeignSecret(user, body);
    }

    @org.junit.jupiter.api.Test
    void aGatewayServiceAccountReadsWithTheRolesOfItsClient() {
        // tailor-gateway-service (dev realm): client credentials, roles engineering and public, as alice's
        String token = io.restassured.RestAssured.given().formParams(Map.of("grant_type", "client_credentials",
                        "client_id", "tailor-gateway-service", "client_secret", "tailor-gateway-dev-secret"))
                .post(Tokens.issuer() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");

        List<String> docIds = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("query", CORPUS.marker, "topK", 50))
                .post("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getList("results.docId", String.class);
        assertThat(CORPUS.ours(docIds)).isEqualTo(DemoCorpus.READABLE.get("alice"));
        Response chat = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("model", "tailor-rag", "top_k", 50, "messages", List.of(
                        Map.of("role", "user", "content", "Which " + CORPUS.marker + " secret word is known?"))))
                .post("/v1/chat/completions").then().statusCode(200).extract().response();
        assertThat(CORPUS.ours(chat.jsonPath().getList("citations.docId", String.class)))
                .isEqualTo(DemoCorpus.READABLE.get("alice"));
    }

    @org.junit.jupiter.api.Test
    void withoutAChatModelAFollowUpIsRetrievedWithThePreviousQuestion() {
        // no model to rewrite "its": the previous user question is searched with it (the documented fallback)
        Response response = given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON)
                .body(Map.of("model", "tailor-rag", "top_k", 6, "messages", List.of(
                        Map.of("role", "user", "content", "What does the " + CORPUS.marker + " policy say?"),
                        Map.of("role", "assistant", "content", "It applies to every reader."),
                        Map.of("role", "user", "content", "What is its password?"))))
                .post("/v1/chat/completions").then().statusCode(200).extract().response();

        assertThat(CORPUS.ours(response.jsonPath().getList("citations.docId", String.class)))
                .isEqualTo(DemoCorpus.READABLE.get("carol"));
        assertNoForeignSecret("carol", response.asString());
    }

    private static String containsEventStream() {
        return "text/event-stream";
    }

    private static void assertNoForeignSecret(String user, String body) {
        for (String name : CORPUS.names()) {
            if (!DemoCorpus.READABLE.get(user).contains(name)) {
                assertThat(body).as("%s must not see %s", user, name).doesNotContain(CORPUS.secretWord(name));
            }
        }
    }
}
