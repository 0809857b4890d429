package dev.tailor.finetune.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the chat model wrote, chunk by chunk, appended as it comes ({@code generated.jsonl} in the dataset directory):
 * a build that stops (a restart) carries on with the chunks not in it, and the filters read every written pair back
 * from it. A torn last line (the service died while writing it) is ignored, so its chunk is written again.
 */
final class GenerationLog {

    /** One chunk's output: its pairs, each with the wordings of its question. */
    record Entry(String chunk, List<Written> pairs) {
    }

    record Written(List<String> questions, String answer) {
    }

    private final Path file;
    private final ObjectMapper json;

    GenerationLog(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    /** The entries written so far, by chunk. */
    Map<String, Entry> read() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    Entry entry = json.readValue(line, Entry.class);
                    entries.put(entry.chunk(), entry);
                } catch (IOException torn) {
                    // the last line of a build that stopped while writing it
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    synchronized void append(Entry entry) {
        try {
            Files.writeString(file, json.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
