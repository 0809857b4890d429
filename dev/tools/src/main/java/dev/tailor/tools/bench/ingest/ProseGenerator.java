package dev.tailor.tools.bench.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * English-like prose for benchmark documents: sentences of words drawn, with their frequencies, from the sample
 * corpus ({@code dev/corpus}). Real vocabulary matters for an embedding benchmark: the model's cost is per word
 * piece, and random letter strings split into two to three times as many pieces per byte as prose does.
 */
final class ProseGenerator {

    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]");

    private final List<String> words;

    private ProseGenerator(List<String> words) {
        if (words.size() < 100) {
            throw new IllegalStateException("too few words for prose: " + words.size());
        }
        this.words = words;
    }

    /** The vocabulary of every Markdown file under {@code corpus}. */
    static ProseGenerator fromCorpus(Path corpus) {
        List<String> words = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Matcher m = WORD.matcher(Files.readString(file));
                while (m.find()) {
                    words.add(m.group().toLowerCase());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample corpus at " + corpus + " (set BENCH_CORPUS)", e);
        }
        return new ProseGenerator(words);
    }

    /** A paragraph of {@code wordCount} words in sentences of 8 to 20, the same for the same seed. */
    String paragraph(String seed, int wordCount) {
        StringBuilder text = new StringBuilder();
        Writer writer = new Writer(new Random(seed.hashCode()), text);
        for (int i = 0; i < wordCount; i++) {
            writer.word();
        }
        return text.append('.').toString();
    }

    /**
     * A text of {@code bytes} UTF-8 bytes (give or take a word) in paragraphs of 60 to 110 words separated by blank
     * lines, the same for the same seed.
     */
    String document(String seed, int bytes) {
        Random random = new Random(seed.hashCode());
        StringBuilder text = new StringBuilder();
        Writer writer = new Writer(random, text);
        int paragraphLeft = 60 + random.nextInt(51);
        while (text.length() < bytes - 1) {
            if (paragraphLeft-- == 0) {
                text.append(".\n\n");
                writer.newParagraph();
                paragraphLeft = 59 + random.nextInt(51);
            }
            writer.word();
        }
        return text.append('.').toString();
    }

    /** Appends words in sentences of 8 to 20 words. */
    private final class Writer {
        private final Random random;
        private final StringBuilder text;
        private int sentenceLeft;
        private boolean paragraphStart = true;

        Writer(Random random, StringBuilder text) {
            this.random = random;
            this.text = text;
        }

        void newParagraph() {
            sentenceLeft = 0;
            paragraphStart = true;
        }

        void word() {
            String word = words.get(random.nextInt(words.size()));
            if (sentenceLeft == 0) {
                if (!paragraphStart) {
                    text.append(". ");
                }
                sentenceLeft = 8 + random.nextInt(13);
                word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
            } else {
                text.append(' ');
            }
            paragraphStart = false;
            text.append(word);
            sentenceLeft--;
        }
    }
}
