package dev.tailor.finetune.dataset;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which written pairs are worth training on, each decision with its reason: a pair is dropped when it is
 * empty, overlong, garbled (repeats itself, is mostly symbols, is not a question, answers with the question), when
 * its answer is not supported by its own chunk (too few of its words in the chunk, or too far from it in meaning),
 * or when its question nearly repeats one already kept. Pure: the embedding model is handed in.
 */
public final class PairFilter {

    /** Why a pair was dropped; the manifest counts each. */
    public enum Drop { EMPTY, OVERLONG, GARBLED, UNSUPPORTED, NEAR_DUPLICATE }

    /**
     * @param minAnswerOverlap      share of the answer's content words that must occur in the chunk
     * @param minAnswerSimilarity   cosine of answer and chunk embeddings the answer must reach
     * @param maxQuestionSimilarity cosine from which a question repeats a kept one
     */
    public record Thresholds(int maxQuestionChars, int maxAnswerChars, double minAnswerOverlap,
                             double minAnswerSimilarity, double maxQuestionSimilarity) {
    }

    /** A pair and the chunk it must come from. */
    public record Candidate(String question, String answer, SnapshotChunk chunk) {
    }

    /** The outcome: kept pairs in order, and every dropped one with its reason. */
    public record Outcome(List<Candidate> kept, List<Dropped> dropped) {
    }

    public record Dropped(Candidate pair, Drop reason) {
    }

    static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "are", "was", "were", "what", "who", "how",
            "does", "did", "with", "that", "this", "from", "which", "when", "where", "why", "our", "your", "you",
            "about", "have", "has", "can", "its", "into", "their", "they", "there", "will", "would", "should", "been",
            "not", "but", "all", "any", "each", "per", "than", "then", "also");

    private PairFilter() {
    }

    /**
     * @param embed the index's embedding model (every text is embedded once, in one call)
     */
    public static Outcome apply(List<Candidate> candidates, Thresholds t, Function<List<String>, List<float[]>> embed) {
        List<Candidate> plausible = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        for (Candidate c : candidates) {
            Drop reason = check(c, t);
            if (reason == null) {
                plausible.add(c);
            } else {
                dropped.add(new Dropped(c, reason));
            }
        }
        List<String> texts = new ArrayList<>();
        plausible.forEach(c -> texts.addAll(List.of(c.question(), c.answer(), c.chunk().text())));
        List<float[]> vectors = texts.isEmpty() ? List.of() : embed.apply(texts);
        List<Candidate> kept = new ArrayList<>();
        List<float[]> keptQuestions = new ArrayList<>();
        for (int i = 0; i < plausible.size(); i++) {
            Candidate c = plausible.get(i);
            float[] question = vectors.get(3 * i);
            Drop reason = null;
            if (cosine(vectors.get(3 * i + 1), vectors.get(3 * i + 2)) < t.minAnswerSimilarity()) {
                reason = Drop.UNSUPPORTED;
            } else if (keptQuestions.stream().anyMatch(k -> cosine(question, k) >= t.maxQuestionSimilarity())) {
                reason = Drop.NEAR_DUPLICATE;
            }
            if (reason == null) {
                kept.add(c);
                keptQuestions.add(question);
            } else {
                dropped.add(new Dropped(c, reason));
            }
        }
        return new Outcome(List.copyOf(kept), List.copyOf(dropped));
    }

    /** The checks that need no embedding, cheapest first; null when the pair passes them. */
    static Drop check(Candidate c, Thresholds t) {
        String q = c.question() == null ? "" : c.question().strip();
        String a = c.answer() == null ? "" : c.answer().strip();
        if (q.isEmpty() || a.isEmpty()) {
            return Drop.EMPTY;
        }
        if (q.length() > t.maxQuestionChars() || a.length() > t.maxAnswerChars()) {
            return Drop.OVERLONG;
        }
        if (garbled(q) || garbled(a) || !q.endsWith("?") || normalise(q).equals(normalise(a))) {
            return Drop.GARBLED;
        }
        if (overlap(a, c.chunk().text()) < t.minAnswerOverlap()) {
            return Drop.UNSUPPORTED;
        }
        return null;
    }

    /** Loops ("of the company of the company…") and symbol soup. */
    static boolean garbled(String text) {
        List<String> words = words(text, false);
        Map<String, Integer> trigrams = new HashMap<>();
        for (int i = 0; i + 2 < words.size(); i++) {
            if (trigrams.merge(words.get(i) + " " + words.get(i + 1) + " " + words.get(i + 2), 1, Integer::sum) >= 3) {
                return true;
            }
        }
        long letters = text.chars().filter(ch -> Character.isLetterOrDigit(ch) || Character.isWhitespace(ch)).count();
        return letters < 0.7 * text.length();
    }

    /** Share of the answer's content words (and numbers) that occur in the chunk. */
    static double overlap(String answer, String chunk) {
        List<String> content = words(answer, true);
        if (content.isEmpty()) {
            return 0;
        }
        Set<String> chunkWords = new HashSet<>(words(chunk, false));
        return content.stream().filter(chunkWords::contains).count() / (double) content.size();
    }

    static List<String> words(String text, boolean contentOnly) {
        List<String> words = new ArrayList<>();
        for (String w : normalise(text).split(" ")) {
            if (!w.isEmpty() && (!contentOnly || (!STOP_WORDS.contains(w) && (w.length() > 2 || w.chars().allMatch(Character::isDigit))))) {
                words.add(w);
            }
        }
        return words;
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("(?<=\\d),(?=\\d{3})", "").replaceAll("[^\\p{L}\\p{N}.$€%-]+", " ")
                .replaceAll("(?<!\\d)\\.|\\.(?!\\d)", " ").replaceAll("\\s+", " ").strip();
    }

    static double cosine(float[] a, float[] b) {
        return CosineSimilarity.between(Embedding.from(a), Embedding.from(b));
    }
}
