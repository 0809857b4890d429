package dev.tailor.finetune.dataset;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the writer asks and keeps; the chat model is a stand-in that answers with a given text or failure. */
class QuestionWriterTest {

    static final String SENTENCE = "The turbine needs oiling every 9 days.";

    record Replying(Supplier<String> reply, List<List<ChatMessage>> asked) implements ChatModel {
        static Replying with(String text) {
            return new Replying(() -> text, new ArrayList<>());
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            asked.add(request.messages());
            return ChatResponse.builder().aiMessage(AiMessage.from(reply.get())).build();
        }
    }

    @Test
    void theQuestionIsTheModelsFirstLineAskedAfterTheWorkedExamples() {
        Replying model = Replying.with("How often does the turbine need oiling?\nAnd more text");

        assertThat(new QuestionWriter(model, "m").questionFor(SENTENCE)).contains("How often does the turbine need oiling?");
        List<ChatMessage> asked = model.asked().get(0);
        assertThat(asked).hasSize(2 + 2 * QuestionWriter.QUESTION_EXAMPLES.size());
        assertThat(((UserMessage) asked.get(asked.size() - 1)).singleText()).isEqualTo(SENTENCE);
    }

    @Test
    void aReplyThatIsNoQuestionGivesNone() {
        var writer = new QuestionWriter(Replying.with("The turbine needs oiling every 9 days."), "m");

        assertThat(writer.questionFor(SENTENCE)).isEmpty();
        assertThat(writer.rewording("How often does the turbine need oiling?")).isEmpty();
    }

    @Test
    void anInputTheProviderRefusesCostsThatInputOnly() {
        var writer = new QuestionWriter(new Replying(() -> {
            throw new InvalidRequestException("400: the prompt is too long");
        }, new ArrayList<>()), "m");

        assertThat(writer.questionFor(SENTENCE)).isEmpty();
    }

    @Test
    void aFailingProviderStopsTheBuild() {
        var writer = new QuestionWriter(new Replying(() -> {
            throw new TimeoutException("no reply within 300 s");
        }, new ArrayList<>()), "m");

        assertThatThrownBy(() -> writer.questionFor(SENTENCE)).isInstanceOf(TimeoutException.class);
    }
}
