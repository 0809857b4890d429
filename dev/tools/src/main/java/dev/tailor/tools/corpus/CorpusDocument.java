package dev.tailor.tools.corpus;

import dev.tailor.contracts.DocumentUpserted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Markdown file of the sample corpus: a front-matter block ({@code docId}, {@code title},
 * {@code allowedRoles: [a, b]}, {@code source}) followed by the body. Only that flat subset of YAML is read.
 */
public record CorpusDocument(Path path, Map<String, String> frontMatter, String body) {

    public static CorpusDocument read(Path path) {
        try {
            return parse(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CorpusDocument parse(Path path, String text) {
        if (!text.startsWith("---\n")) {
            throw new IllegalArgumentException(path + ": a corpus document starts with a '---' front-matter block");
        }
        int end = text.indexOf("\n---\n", 4);
        if (end < 0) {
            throw new IllegalArgumentException(path + ": the front-matter block is not closed by '---'");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.substring(4, end).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        for (String required : List.of("docId", "title", "allowedRoles")) {
            if (!fields.containsKey(required)) {
                throw new IllegalArgumentException(path + ": front matter lacks " + required);
            }
        }
        return new CorpusDocument(path, fields, text.substring(end + 5).strip() + "\n");
    }

    public String docId() {
        return frontMatter.get("docId");
    }

    public List<String> allowedRoles() {
        String list = frontMatter.get("allowedRoles").replaceAll("[\\[\\]]", "");
        return Arrays.stream(list.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
    }

    public DocumentUpserted toEvent(long version) {
        return new DocumentUpserted(docId(), version, frontMatter.get("title"), body, "text/markdown",
                allowedRoles(), frontMatter.getOrDefault("source", "sample-corpus"),
                "corpus://" + path.getParent().getFileName() + "/" + path.getFileName(), Map.of("corpus", "northwind"));
    }
}
