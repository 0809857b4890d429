package dev.tailor.runtime.rag;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Answers without a language model: quotes the sentences of the permitted passages that share the most words
 * with the question, each cited with its passage number, and says that the answer is extractive.
 */
public final class ExtractiveAnswerer {

    public static final String MODEL = "extractive";
    static final String PREFIX = "Extractive answer (no language model is configured; quoting the most relevant passages you may read):";

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "was", "what", "who", "how",
            "does", "did", "with", "that", "this", "from", "which", "when", "where", "why", "our", "your", "you",
            "about", "have", "has", "can", "is", "of", "to", "in", "on", "a", "an", "it", "be", "do", "we", "i");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final int maxSentences;

    public ExtractiveAnswerer(int maxSentences) {
        if (maxSentences <= 0) {
            throw new IllegalArgumentException("maxSentences must be positive: " + maxSentences);
        }
        this.maxSentences = maxSentences;
    }

    /** {@code passages} are already permitted and in prompt order; never empty. */
    public String answer(String question, List<RetrievedChunk> passages) {
        Set<String> questionWords = words(question);
        List<Sentence> sentences = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            for (String s : sentences(passages.get(i).text())) {
                // Ties go to the better-ranked passage and the earlier sentence.
                sentences.add(new Sentence(s, i + 1, sharedWords(s, questionWords), sentences.size()));
            }
        }
        List<Sentence> best = sentences.stream()
                .sorted(Comparator.comparingInt(Sentence::overlap).reversed()
                        .thenComparingInt(Sentence::passage).thenComparingInt(Sentence::order))
                .limit(maxSentences)
                .sorted(Comparator.comparingInt(Sentence::passage).thenComparingInt(Sentence::order))
                .toList();
        StringBuilder answer = new StringBuilder(PREFIX);
        for (Sentence s : best) {
            answer.append("\n- ").append(s.text()).append(" [").append(s.passage()).append(']');
        }
        return answer.toString();
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        String normalized = WHITESPACE.matcher(text).replaceAll(" ").strip();
        it.setText(normalized);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = normalized.substring(start, end).strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The distinct words of {@code text}, lower-cased: runs of letters and digits, stop words and single letters left out. */
    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        forEachWord(text, words::add);
        return words;
    }

    /** How many distinct words of {@code sentence} the question has; every passage sentence is counted per ask. */
    static int sharedWords(String sentence, Set<String> questionWords) {
        Set<String> shared = new HashSet<>();
        forEachWord(sentence, w -> {
            if (questionWords.contains(w)) {
                shared.add(w);
            }
        });
        return shared.size();
    }

    /**
     * Scans the text once rather than splitting it with a regular expression: the answer scores every sentence of
     * five passages per ask, and the regex split and lower-casing of whole strings were half of its time.
     */
    private static void forEachWord(String text, Consumer<String> action) {
        int start = -1;
        for (int i = 0; i <= text.length(); ) {
            int codePoint = i < text.length() ? text.codePointAt(i) : ' ';
            if (isWordChar(codePoint)) {
                start = start < 0 ? i : start;
            } else if (start >= 0) {
                String word = text.substring(start, i).toLowerCase(Locale.ROOT);
                if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                    action.accept(word);
                }
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
    }

    /** A letter or any number: {@code \p{L}} or {@code \p{N}}. */
    private static boolean isWordChar(int codePoint) {
        if (Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private record Sentence(String text, int passage, int overlap, int order) {
    }
}
