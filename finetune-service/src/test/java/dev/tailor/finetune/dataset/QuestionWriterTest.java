package dev.tailor.finetune.dataset;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the writer asks and keeps; the chat model is a stand-in that answers with a given text. */
class QuestionWriterTest {

    static final SnapshotChunk CHUNK = new SnapshotChunk("doc-1", 0, "Turbine care",
            "## Oiling\nThe turbine needs oiling every 9 days.");

    record Replying(String reply, List<List<ChatMessage>> asked) implements ChatModel {
        Replying(String reply) {
            this(reply, new ArrayList<>());
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            asked.add(request.messages());
            return ChatResponse.builder().aiMessage(AiMessage.from(reply)).build();
        }
    }

    @Test
    void theSentenceIsTheAnswerAndTheModelsFirstLineTheQuestion() {
        Replying model = new Replying("How often does the turbine need oiling?\nAnd more text");
        var pairs = new QuestionWriter(model, "m").pair(CHUNK, "The turbine needs oiling every 9 days.");

        assertThat(pairs).containsExactly(new QuestionWriter.Written("How often does the turbine need oiling?",
                "The turbine needs oiling every 9 days."));
        List<ChatMessage> asked = model.asked().get(0);
        assertThat(asked).hasSize(2 + 2 * QuestionWriter.QUESTION_EXAMPLES.size());
        assertThat(((UserMessage) asked.get(asked.size() - 1)).singleText()).isEqualTo("The turbine needs oiling every 9 days.");
    }

    @Test
    void aReplyThatIsNoQuestionGivesNoPair() {
        var writer = new QuestionWriter(new Replying("The turbine needs oiling every 9 days."), "m");

        assertThat(writer.pair(CHUNK, "The turbine needs oiling every 9 days.")).isEmpty();
        assertThat(writer.rephrasings("How often does the turbine need oiling?")).isEmpty();
    }
}
