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
 * answer is constrained to the shape) for the questions a colleague would ask about one chunk, with short answers
 * from it, and for other wordings of each question: research on knowledge injection finds that a model learns a fact
 * by fine-tuning only when it sees it in many phrasings. The shapes have a fixed number of slots, so a small model
 * cannot ramble on in a list; empty slots are left out.
 */
public final class QuestionWriter {

    /** The AI service. */
    interface Writer {
        @SystemMessage("""
                You write quiz questions about a text from the company's documents. Each question asks for one fact \
                stated in the text, the way a colleague would ask it, and names what it is about (no "it" or "this"). \
                Each answer is a short phrase or sentence copied from the text.""")
        @UserMessage("Title: {{title}}\n\nText:\n{{text}}\n\nWrite three different questions about this text, each with its answer from the text.")
        ThreeQuestions questions(@V("title") String title, @V("text") String text);

        @SystemMessage("You rewrite questions in other words. Keep the meaning and every name, number and date.")
        @UserMessage("Question: {{question}}\n\nWrite two other ways to ask exactly this question.")
        TwoWordings rephrase(@V("question") String question);
    }

    /** What the model fills in for a chunk. */
    public record ThreeQuestions(Written first, Written second, Written third) {
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

    /** The question/answer pairs the model wrote for one chunk, as written (filters decide what stays). */
    public List<Written> pairs(SnapshotChunk chunk) {
        ThreeQuestions written = writer.questions(chunk.title(), chunk.text());
        if (written == null) {
            return List.of();
        }
        return Stream.of(written.first(), written.second(), written.third())
                .filter(w -> w != null && w.question() != null && w.answer() != null).toList();
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
