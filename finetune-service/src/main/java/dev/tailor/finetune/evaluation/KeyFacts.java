package dev.tailor.finetune.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts a reference answer adds to its question: its numbers, dates, amounts and capitalised names that the
 * question does not already contain ("When does Project Falcon launch?" / "It launches on 2027-03-15." → 2027-03-15).
 * An answer with none of those (a sentence of common words) is its own fact. Pure.
 */
public final class KeyFacts {

    private static final Pattern TOKEN = Pattern.compile(
            "[$€£]?\\d[\\d,.:/-]*\\d?%?(?:\\s?(?:[kKmMbB]\\b|million|billion|hours?|days?|weeks?|months?|years?|minutes?))?"
                    + "|\\b\\p{Lu}[\\p{L}\\d-]*(?:\\s+\\p{Lu}[\\p{L}\\d-]*)*");

    private KeyFacts() {
    }

    public static List<String> of(String question, String answer) {
        String asked = FactMatch.normalise(question);
        Set<String> facts = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(answer);
        while (m.find()) {
            String token = m.group().strip().replaceAll("[.,:;]+$", "");
            if (token.isEmpty() || isSentenceStart(answer, m.start()) && !token.matches(".*\\d.*") && !token.contains(" ")) {
                continue;
            }
            if (!asked.contains(FactMatch.normalise(token))) {
                facts.add(token);
            }
        }
        return facts.isEmpty() ? List.of(answer.strip().replaceAll("[.!]+$", "")) : new ArrayList<>(facts);
    }

    /** A capitalised word that only starts a sentence is not a name. */
    private static boolean isSentenceStart(String text, int at) {
        int i = at - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i < 0 || ".!?:".indexOf(text.charAt(i)) >= 0;
    }
}
