package dev.tailor.model.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a chat fine-tuning file (OpenAI's JSONL: one {@code {"messages": [...]}} per line) before a worker is started
 * for it, so that a malformed file fails its job in milliseconds with the line and the reason, not after the model
 * has loaded. Pure: reads the file, decides.
 */
public final class TrainingFileCheck {

    static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private TrainingFileCheck() {
    }

    /** @return why the file cannot be trained on, or empty when every line is a usable example */
    public static Optional<String> problem(Path file, ObjectMapper json) {
        int examples = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Optional<String> problem = lineProblem(line, json);
                if (problem.isPresent()) {
                    return Optional.of("line " + number + ": " + problem.get());
                }
                examples++;
            }
        } catch (java.nio.charset.MalformedInputException e) {
            return Optional.of("the file is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return examples == 0 ? Optional.of("the file holds no examples") : Optional.empty();
    }

    static Optional<String> lineProblem(String line, ObjectMapper json) {
        JsonNode example;
        try {
            example = json.readTree(line);
        } catch (JsonProcessingException e) {
            return Optional.of("not valid JSON");
        }
        JsonNode messages = example.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return Optional.of("no \"messages\" array");
        }
        boolean answered = false;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            if (!ROLES.contains(role)) {
                return Optional.of("unknown role \"" + role + "\" (use system, user or assistant)");
            }
            if (!message.path("content").isTextual()) {
                return Optional.of("a " + role + " message without text content");
            }
            answered |= role.equals("assistant") && !message.path("content").asText().isBlank();
        }
        return answered ? Optional.empty() : Optional.of("no assistant message to learn from");
    }
}
