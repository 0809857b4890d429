package dev.tailor.runtime.rag;


import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
                Set<String> w = words(s);
                w.retainAll(questionWords);
                // Ties go to the better-ranked passage and the earlier sentence.
                sentences.add(new Sentence(s, i + 1, w.size(), sentences.size()));
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
        String normalized = text.replaceAll("\\s+", " ").strip();
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

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP_WORDS.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    private record Sentence(String text, int passage, int overlap, int order) {
    }
}
