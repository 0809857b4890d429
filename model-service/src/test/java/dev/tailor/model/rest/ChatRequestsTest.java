package dev.tailor.model.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.model.serving.ChatRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatRequestsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static List<ChatCompletionRequest.Message> messages(String json) throws Exception {
        return List.of(JSON.readValue(json, ChatCompletionRequest.Message[].class));
    }

    @Test
    void developerMessagesAreSystemMessagesAndTextPartsAreJoined() throws Exception {
        var result = ChatRequests.messages(messages("""
                [{"role": "developer", "content": "be brief"},
                 {"role": "user", "content": [{"type": "text", "text": "first"}, {"type": "text", "text": "second"}]}]"""));

        assertThat(result).containsExactly(new ChatRequest.Message("system", "be brief"),
                new ChatRequest.Message("user", "first\nsecond"));
    }

    @Test
    void toolMessagesImagesAndUnknownRolesAreRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> ChatRequests.messages(messages("[{\"role\": \"tool\", \"content\": \"x\"}]")))
                .isInstanceOf(InvalidRequestException.class).extracting("param").isEqualTo("messages[0].role");
        assertThatThrownBy(() -> ChatRequests.messages(messages(
                "[{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\": {}}]}]")))
                .isInstanceOf(InvalidRequestException.class).extracting("param").isEqualTo("messages[0].content");
        assertThatThrownBy(() -> ChatRequests.messages(messages("[{\"role\": \"wizard\", \"content\": \"x\"}]")))
                .hasMessageContaining("unknown role 'wizard'");
        assertThatThrownBy(() -> ChatRequests.messages(List.of())).extracting("param").isEqualTo("messages");
    }

    @Test
    void stopIsAStringOrUpToFourStrings() throws Exception {
        assertThat(ChatRequests.stop(JSON.readTree("\"\\n\""))).containsExactly("\n");
        assertThat(ChatRequests.stop(JSON.readTree("[\"a\", \"b\"]"))).containsExactly("a", "b");
        assertThat(ChatRequests.stop(null)).isEmpty();
        assertThatThrownBy(() -> ChatRequests.stop(JSON.readTree("[\"1\", \"2\", \"3\", \"4\", \"5\"]")))
                .extracting("param").isEqualTo("stop");
        assertThatThrownBy(() -> ChatRequests.stop(JSON.readTree("[\"\"]"))).extracting("param").isEqualTo("stop");
    }

    @Test
    void penaltiesAreOpenAisRangeAndOffWhenAbsent() {
        assertThat(ChatRequests.penalty("frequency_penalty", null)).isZero();
        assertThat(ChatRequests.penalty("frequency_penalty", 0.5f)).isEqualTo(0.5f);
        assertThat(ChatRequests.penalty("presence_penalty", -2f)).isEqualTo(-2f);
        assertThatThrownBy(() -> ChatRequests.penalty("presence_penalty", 2.5f))
                .isInstanceOf(InvalidRequestException.class).extracting("param").isEqualTo("presence_penalty");
    }

    @Test
    void unknownResponseFormatsAreRefused() throws Exception {
        assertThat(ChatRequests.grammar(JSON.readTree("{\"type\": \"text\"}"))).isEmpty();
        assertThatThrownBy(() -> ChatRequests.grammar(JSON.readTree("{\"type\": \"yaml\"}")))
                .extracting("param").isEqualTo("response_format.type");
        assertThatThrownBy(() -> ChatRequests.grammar(JSON.readTree("{\"type\": \"json_schema\", \"json_schema\": {}}")))
                .extracting("param").isEqualTo("response_format.json_schema.schema");
    }

    @Test
    void schemasOutsideTheSupportedSubsetAreRefusedBeforeTheyReachNativeCode() throws Exception {
        // each of these made llama.cpp's converter abort the JVM
        for (String schema : List.of("{\"$ref\": \"#/definitions/nope\"}", "{\"type\": \"strange\"}",
                "{\"type\": \"string\", \"pattern\": \"(((\"}",
                "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"http://elsewhere/x\"}}}")) {
            assertThatThrownBy(() -> ChatRequests.grammar(JSON.readTree(
                    "{\"type\": \"json_schema\", \"json_schema\": {\"schema\": " + schema + "}}")))
                    .as(schema).isInstanceOf(InvalidRequestException.class)
                    .extracting("param").asString().startsWith("response_format.json_schema.schema");
        }
    }

    @Test
    void theSchemasLangchain4jWritesForRecordsAreSupported() throws Exception {
        String schema = """
                {"type": "object", "properties": {"pairs": {"type": "array", "items": {"type": "object",
                 "properties": {"question": {"type": "string", "description": "a question"}, "answer": {"type": "string"}},
                 "required": ["question", "answer"], "additionalProperties": false}}},
                 "required": ["pairs"], "additionalProperties": false}""";
        assertThat(ChatRequests.grammar(JSON.readTree("{\"type\": \"json_schema\", \"json_schema\": {\"schema\": " + schema + "}}")))
                .hasValueSatisfying(grammar -> assertThat(grammar).contains("root ::="));
    }
}
