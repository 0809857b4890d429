package dev.tailor.query.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.query.support.DemoCorpus;
import dev.tailor.query.support.ExtractiveAnswers;
import dev.tailor.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * /v1/chat/completions answers whatever its clients accept: OpenAI's SDKs send application/json for streams too, a
 * browser's EventSource-style fetch text/event-stream, curl any type. The stream is well-formed SSE either way.
 */
@QuarkusTest
@TestProfile(ExtractiveAnswers.class)
class AcceptHeaderTest {

    @RegisterExtension
    static final DemoCorpus CORPUS = new DemoCorpus();
    static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/event-stream", "*/*", "text/event-stream, application/json"})
    void aStreamIsServedWhateverTheClientAccepts(String accept) throws Exception {
        Response response = request(accept, true);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/event-stream");
        String body = response.asString();
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<String> events = Arrays.asList(body.substring(0, body.length() - 2).split("\n\n"));
        assertThat(events).hasSizeGreaterThan(2).allSatisfy(e -> assertThat(e).startsWith("data: ").doesNotContain("\n"));
        for (String event : events.subList(0, events.size() - 1)) {
            assertThat(JSON.readTree(event.substring("data: ".length())).path("object").asText())
                    .isEqualTo("chat.completion.chunk");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*"})
    void aWholeCompletionIsServedWhateverTheClientAccepts(String accept) throws Exception {
        Response response = request(accept, false);

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(JSON.readTree(response.asString()).path("object").asText()).isEqualTo("chat.completion");
    }

    private static Response request(String accept, boolean stream) {
        return given().auth().oauth2(Tokens.of("carol")).contentType(ContentType.JSON).accept(accept)
                .body(Map.of("model", "tailor-extractive", "stream", stream, "messages",
                        List.of(Map.of("role", "user", "content", "What does the " + CORPUS.marker + " policy say?"))))
                .post("/v1/chat/completions");
    }
}
