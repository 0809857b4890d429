package dev.tailor.finetune.dataset;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks the chat model for the question a colleague would ask to get one sentence of a chunk as its answer
 * ({@link FactSentences}), and for another wording of each question: research on knowledge injection finds that a
 * model learns a fact by fine-tuning only when it sees it in several phrasings. The model writes questions only;
 * answers are the document's own sentences, so no model, however small, puts words in the document's mouth.
 * Both asks show the model worked examples as earlier turns of the conversation and take its first line: measured
 * with SmolLM2-135M, instructions alone (with or without a JSON schema) gave statements, run-on text and "What does the
 * text say?"; three examples gave questions about the sentence's subject.
 */
public final class QuestionWriter {

    static final String QUESTION_TASK = "Turn each statement into the question it answers.";
    static final List<String[]> QUESTION_EXAMPLES = List.of(
            new String[]{"The cafeteria on floor 3 opens at 7:30.", "When does the cafeteria on floor 3 open?"},
            new String[]{"Expense reports are approved by Dana Whitfield.", "Who approves expense reports?"},
            new String[]{"Visitor badges are kept at the east reception desk.", "Where are visitor badges kept?"});
    static final String REWORDING_TASK = "Ask each question in other words, keeping every name, number and date.";
    static final List<String[]> REWORDING_EXAMPLES = List.of(
            new String[]{"When does the cafeteria on floor 3 open?", "What time does the floor 3 cafeteria open?"},
            new String[]{"Who approves expense reports?", "Which person signs off on expense reports?"},
            new String[]{"Where are visitor badges kept?", "In which place are the visitor badges stored?"});

    public record Written(String question, String answer) {
    }

    private final ChatModel chat;
    private final String model;

    /** @param chat a model that stops at the end of a line */
    public QuestionWriter(ChatModel chat, String model) {
        this.chat = chat;
        this.model = model;
    }

    public String model() {
        return model;
    }

    /** The question to {@code sentence} of a chunk, paired with it (empty when the model wrote no question). */
    public List<Written> pair(SnapshotChunk chunk, String sentence) {
        String question = firstLine(ask(QUESTION_TASK, QUESTION_EXAMPLES, sentence));
        return question.endsWith("?") ? List.of(new Written(question, sentence)) : List.of();
    }

    /** Another wording of a question (none when the model wrote no question). */
    public List<String> rephrasings(String question) {
        String other = firstLine(ask(REWORDING_TASK, REWORDING_EXAMPLES, question));
        return other.endsWith("?") ? List.of(other) : List.of();
    }

    private String ask(String task, List<String[]> examples, String input) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(task));
        for (String[] example : examples) {
            messages.add(UserMessage.from(example[0]));
            messages.add(AiMessage.from(example[1]));
        }
        messages.add(UserMessage.from(input));
        String text = chat.chat(messages).aiMessage().text();
        return text == null ? "" : text;
    }

    static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
