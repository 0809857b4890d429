package dev.tailor.finetune.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a dataset: {@code train.jsonl} in the chat format providers train on (system, user, assistant), the held-out
 * {@code eval.jsonl} as plain pairs with their source (the evaluator reads them back), and {@code manifest.json}.
 */
public final class DatasetWriter {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private DatasetWriter() {
    }

    static void write(Path dir, String systemPrompt, List<QaPair> train, List<QaPair> eval, Map<String, Object> manifest) {
        try {
            Files.createDirectories(dir);
            StringBuilder chat = new StringBuilder();
            for (QaPair p : train) {
                chat.append(JSON.writeValueAsString(new Example(List.of(new Message("system", systemPrompt),
                        new Message("user", p.question()), new Message("assistant", p.answer()))))).append('\n');
            }
            Files.writeString(dir.resolve(DatasetBuilder.TRAIN_FILE), chat.toString(), StandardCharsets.UTF_8);
            StringBuilder held = new StringBuilder();
            for (QaPair p : eval) {
                held.append(JSON.writeValueAsString(p)).append('\n');
            }
            Files.writeString(dir.resolve(DatasetBuilder.EVAL_FILE), held.toString(), StandardCharsets.UTF_8);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(DatasetBuilder.MANIFEST).toFile(), manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dataset to " + dir, e);
        }
    }

    /** The held-out pairs of a dataset (a restarted service evaluates from the files). */
    public static List<QaPair> heldOut(Path dir) {
        try {
            List<QaPair> pairs = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(DatasetBuilder.EVAL_FILE), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    pairs.add(JSON.readValue(line, QaPair.class));
                }
            }
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the held-out pairs in " + dir, e);
        }
    }

    /** One line of the chat-format JSONL. */
    record Example(List<Message> messages) {
    }

    record Message(String role, String content) {
    }
}
