package dev.tailor.finetune.dataset;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Question/answer pairs written by a chat model through a langchain4j AI service with structured output (the
 * service returns a record; langchain4j asks for and parses JSON). One call per document, so the model sees the
 * context a question needs; the text is cut at a configured size.
 */
public final class LlmQaGenerator implements QaGenerator {

    /** The AI service: structured output into {@link GeneratedPairs}. */
    public interface PairWriter {
        @SystemMessage("""
                You write training data for a company assistant. From the document you are given, write up to {{count}}
                question/answer pairs that a colleague could ask and that the document answers. Answers must be
                complete sentences taken from the document's facts only. No pair may need another document.""")
        @UserMessage("Document title: {{title}}\n\n{{text}}")
        GeneratedPairs write(@V("count") int count, @V("title") String title, @V("text") String text);
    }

    /** What the model returns. */
    public record GeneratedPairs(List<Pair> pairs) {
    }

    public record Pair(String question, String answer) {
    }

    private final ChatModel chatModel;
    private final int pairsPerDocument;
    private final int maxChars;
    private final String model;

    public LlmQaGenerator(ChatModel chatModel, String model, int pairsPerDocument, int maxChars) {
        this.chatModel = chatModel;
        this.model = model;
        this.pairsPerDocument = pairsPerDocument;
        this.maxChars = maxChars;
    }

    @Override
    public List<QaPair> generate(List<SnapshotChunk> chunks) {
        if (chunks.isEmpty()) {
            return List.of();
        }
        String text = chunks.stream().map(SnapshotChunk::text).collect(Collectors.joining("\n\n"));
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
        }
        SnapshotChunk first = chunks.get(0);
        // a fresh service and memory per document: each document is an independent conversation (in Quarkus a
        // programmatic AI service otherwise gets the application's default chat memory, and documents pile up)
        PairWriter writer = AiServices.builder(PairWriter.class).chatModel(chatModel)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(4)).build();
        GeneratedPairs generated = writer.write(pairsPerDocument, first.title(), text);
        List<QaPair> pairs = new ArrayList<>();
        if (generated != null && generated.pairs() != null) {
            for (Pair p : generated.pairs()) {
                if (p != null && p.question() != null && p.answer() != null
                        && !p.question().isBlank() && !p.answer().isBlank()) {
                    pairs.add(new QaPair(p.question().strip(), p.answer().strip(), first.docId()));
                }
            }
        }
        return pairs;
    }

    @Override
    public String describe() {
        return "llm (" + model + ")";
    }
}
