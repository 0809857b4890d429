package dev.tailor.finetune.dataset;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    static final List<Example> QUESTION_EXAMPLES = List.of(
            new Example("The cafeteria on floor 3 opens at 7:30.", "When does the cafeteria on floor 3 open?"),
            new Example("Expense reports are approved by Dana Whitfield.", "Who approves expense reports?"),
            new Example("Visitor badges are kept at the east reception desk.", "Where are visitor badges kept?"));
    static final String REWORDING_TASK = "Ask each question in other words, keeping every name, number and date.";
    static final List<Example> REWORDING_EXAMPLES = List.of(
            new Example("When does the cafeteria on floor 3 open?", "What time does the floor 3 cafeteria open?"),
            new Example("Who approves expense reports?", "Which person signs off on expense reports?"),
            new Example("Where are visitor badges kept?", "In which place are the visitor badges stored?"));

    /** A worked example: what the model is given and what it should answer. */
    record Example(String input, String answer) {
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

    /** The question whose answer is {@code sentence}; empty when the model wrote none or refused this input. */
    public Optional<String> questionFor(String sentence) {
        return ask(QUESTION_TASK, QUESTION_EXAMPLES, sentence);
    }

    /** Another wording of {@code question}; empty when the model wrote none or refused this input. */
    public Optional<String> rewording(String question) {
        return ask(REWORDING_TASK, REWORDING_EXAMPLES, question);
    }

    /**
     * The first line of the model's reply if it is a question. A provider that refuses this one input (a 4xx about
     * the request, a content filter) costs the input only; any other failure (unreachable, overloaded, timed out,
     * unauthorised) is the provider's and stops the build.
     */
    private Optional<String> ask(String task, List<Example> examples, String input) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(task));
        for (Example example : examples) {
            messages.add(UserMessage.from(example.input()));
            messages.add(AiMessage.from(example.answer()));
        }
        messages.add(UserMessage.from(input));
        String text;
        try {
            text = chat.chat(messages).aiMessage().text();
        } catch (InvalidRequestException refused) { // content filters included
            return Optional.empty();
        }
        return Optional.ofNullable(text).map(QuestionWriter::firstLine).filter(line -> line.endsWith("?"));
    }

    static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("").strip();
    }
}
