package dev.tailor.finetune.dataset;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Asks the chat model (a langchain4j AI service with structured output; with a JSON-schema-capable provider the
 * answer is constrained to the shape) for the question a colleague would ask to get one sentence of a chunk as its
 * answer ({@link FactSentences}), and for other wordings of each question: research on knowledge injection finds
 * that a model learns a fact by fine-tuning only when it sees it in many phrasings. The model writes questions only;
 * answers are the document's own sentences, so no model, however small, puts words in the document's mouth.
 */
public final class QuestionWriter {

    /** The AI service. */
    interface Writer {
        @SystemMessage("""
                You write the question a colleague would ask to get a given sentence from the company's documents as \
                the answer. The question asks for the fact the sentence states, names what it is about (no "it" or \
                "this") and ends with a question mark.""")
        @UserMessage("Document: {{title}}\nAnswer: {{sentence}}\n\nWrite the question.")
        OneQuestion question(@V("title") String title, @V("sentence") String sentence);

        @SystemMessage("You rewrite questions in other words. Keep the meaning and every name, number and date.")
        @UserMessage("Question: {{question}}\n\nWrite two other ways to ask exactly this question.")
        TwoWordings rephrase(@V("question") String question);
    }

    public record OneQuestion(String question) {
    }

    public record Written(String question, String answer) {
    }

    public record TwoWordings(String first, String second) {
    }

    private final Writer writer;
    private final String model;

    public QuestionWriter(ChatModel chatModel, String model) {
        this.writer = AiServices.builder(Writer.class).chatModel(chatModel).build();
        this.model = model;
    }

    public String model() {
        return model;
    }

    /** The question to {@code sentence} of a chunk, paired with it (empty when the model wrote none). */
    public List<Written> pair(SnapshotChunk chunk, String sentence) {
        OneQuestion written = writer.question(chunk.title(), sentence);
        if (written == null || written.question() == null || written.question().isBlank()) {
            return List.of();
        }
        return List.of(new Written(written.question().strip(), sentence));
    }

    /** Other wordings of a question. */
    public List<String> rephrasings(String question) {
        TwoWordings wordings = writer.rephrase(question);
        List<String> result = new ArrayList<>();
        if (wordings != null) {
            Stream.of(wordings.first(), wordings.second()).filter(w -> w != null && !w.isBlank()).forEach(result::add);
        }
        return result;
    }
}
