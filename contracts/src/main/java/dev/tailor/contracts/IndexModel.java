package dev.tailor.contracts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The embedding model an index was built with: vectors of two models are not comparable. */
public record IndexModel(String name, int dimension) {

    private static final Pattern DESCRIPTION = Pattern.compile("embeddingModel=(\\S+) dimension=(\\d+)");

    public IndexModel {
        if (name == null || name.isBlank() || name.contains(" ")) {
            throw new IllegalArgumentException("embedding model name must be a non-blank word: " + name);
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("embedding dimension must be positive: " + dimension);
        }
    }

    /** How the index records the model: the collections' description. */
    public String toDescription() {
        return "Tailor index; embeddingModel=" + name + " dimension=" + dimension;
    }

    public static Optional<IndexModel> parseDescription(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = DESCRIPTION.matcher(description);
        return m.find() ? Optional.of(new IndexModel(m.group(1), Integer.parseInt(m.group(2)))) : Optional.empty();
    }

    @Override
    public String toString() {
        return name + " (" + dimension + " dimensions)";
    }
}
