package dev.tailor.finetune.dataset;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The sentences of a chunk that state facts, the answers its training pairs are written for. A small model asked to
 * write answers invents them (SmolLM2-135M answered "What is Kestrel grease for?" with bearings and friction the text
 * never mentions, and every such pair failed the support filter); asked only for the question to a sentence of the
 * text, it cannot: the answer is the document's own words.
 */
public final class FactSentences {

    static final int MIN_WORDS = 4;

    private FactSentences() {
    }

    /** At most {@code max} sentences of {@code text}, the most specific first chosen, in the order of the text. */
    public static List<String> of(String text, int max) {
        List<String> sentences = sentences(text);
        List<Integer> chosen = IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> -specificity(sentences.get(i))).thenComparing(i -> i))
                .limit(max).sorted().toList();
        return chosen.stream().map(sentences::get).toList();
    }

    static List<String> sentences(String text) {
        List<String> result = new ArrayList<>();
        for (String line : text.split("\n")) {
            String prose = line.strip().replaceFirst("^(#+|[-*+]|\\d+[.)])\\s+", "");
            if (line.strip().startsWith("#") || prose.isEmpty()) {
                continue; // headings name a topic, they state nothing
            }
            BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
            it.setText(prose);
            for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
                String sentence = prose.substring(start, end).strip();
                if (sentence.split("\\s+").length >= MIN_WORDS) {
                    result.add(sentence);
                }
            }
        }
        return result;
    }

    /** Numbers and names are what a colleague asks about: digits, and capitalised words past the first. */
    static int specificity(String sentence) {
        String[] words = sentence.split("\\s+");
        int score = 0;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.chars().anyMatch(Character::isDigit)) {
                score += 2;
            } else if (i > 0 && !w.isEmpty() && Character.isUpperCase(w.charAt(0))) {
                score += 1;
            }
        }
        return score;
    }
}
