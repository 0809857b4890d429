package dev.tailor.finetune.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deduplicates, splits and writes a dataset. Duplicates are pairs whose normalised question is equal (the first
 * wins). The split is by hash of the normalised question, so the same pair lands on the same side in every run;
 * at least one pair goes to each side when there are two or more.
 */
public final class DatasetWriter {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public static List<QaPair> deduplicate(List<QaPair> pairs) {
        Map<String, QaPair> unique = new LinkedHashMap<>();
        for (QaPair p : pairs) {
            unique.putIfAbsent(normalise(p.question()), p);
        }
        return List.copyOf(unique.values());
    }

    /** @return [train, eval] */
    public static List<List<QaPair>> split(List<QaPair> pairs, double evalFraction) {
        List<QaPair> train = new ArrayList<>();
        List<QaPair> eval = new ArrayList<>();
        for (QaPair p : pairs) {
            (bucket(p.question()) < evalFraction ? eval : train).add(p);
        }
        if (pairs.size() >= 2 && eval.isEmpty()) {
            eval.add(train.remove(train.size() - 1));
        }
        if (pairs.size() >= 2 && train.isEmpty()) {
            train.add(eval.remove(eval.size() - 1));
        }
        return List.of(train, eval);
    }

    public static Dataset write(Path dir, String systemPrompt, List<QaPair> train, List<QaPair> eval,
                                Map<String, Object> manifest) {
        try {
            Files.createDirectories(dir);
            Path trainFile = dir.resolve("train.jsonl");
            Path evalFile = dir.resolve("eval.jsonl");
            Files.writeString(trainFile, jsonl(systemPrompt, train), StandardCharsets.UTF_8);
            Files.writeString(evalFile, jsonl(systemPrompt, eval), StandardCharsets.UTF_8);
            Map<String, Object> m = new LinkedHashMap<>(manifest);
            m.put("trainExamples", train.size());
            m.put("evalExamples", eval.size());
            m.put("trainFile", trainFile.getFileName().toString());
            m.put("evalFile", evalFile.getFileName().toString());
            m.put("writtenAt", Instant.now());
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("manifest.json").toFile(), m);
            return new Dataset(dir, trainFile, evalFile, train, eval);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the dataset to " + dir, e);
        }
    }

    /** Reads the held-out pairs back (a restarted service evaluates from the files). */
    public static List<QaPair> readPairs(Path jsonl) {
        try {
            List<QaPair> pairs = new ArrayList<>();
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                var messages = JSON.readTree(line).get("messages");
                String question = null;
                String answer = null;
                for (var m : messages) {
                    switch (m.get("role").asText()) {
                        case "user" -> question = m.get("content").asText();
                        case "assistant" -> answer = m.get("content").asText();
                        default -> { }
                    }
                }
                pairs.add(new QaPair(question, answer, null));
            }
            return pairs;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + jsonl, e);
        }
    }

    static String jsonl(String systemPrompt, List<QaPair> pairs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (QaPair p : pairs) {
            sb.append(JSON.writeValueAsString(new Example(List.of(new Message("system", systemPrompt),
                    new Message("user", p.question()), new Message("assistant", p.answer()))))).append('\n');
        }
        return sb.toString();
    }

    /** One line of the chat-format JSONL. */
    record Example(List<Message> messages) {
    }

    record Message(String role, String content) {
    }

    static String normalise(String question) {
        return question.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** A stable number in [0, 1) from the question. */
    static double bucket(String question) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(normalise(question).getBytes(StandardCharsets.UTF_8));
            long v = ((h[0] & 0xffL) << 16) | ((h[1] & 0xffL) << 8) | (h[2] & 0xffL);
            return v / (double) (1 << 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
