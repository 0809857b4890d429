package dev.tailor.finetune.evaluation;

import java.text.Normalizer;
import java.time.Month;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an answer states a reference fact, after normalising what may legitimately differ: case, whitespace,
 * Markdown emphasis, dash variants, thousands separators, written-out dates ("March 15, 2027" = "2027-03-15") and
 * trailing zeros of decimals ("$84.0M" = "$84M"). The fact must stand on its own: "20 days" is not found in
 * "120 days". Pure; shared by the evaluator and the gold-set check so that both read facts the same way.
 */
public final class FactMatch {

    private static final Pattern WRITTEN_DATE = Pattern.compile(
            "\\b(january|february|march|april|may|june|july|august|september|october|november|december)"
                    + " (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b");
    private static final Pattern DAY_FIRST_DATE = Pattern.compile(
            "\\b(\\d{1,2}) (january|february|march|april|may|june|july|august|september|october|november|december),? (\\d{4})\\b");
    private static final Pattern THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d{3}(?!\\d))");
    private static final Pattern TRAILING_ZEROS = Pattern.compile("(?<=\\d)\\.0+(?!\\d)");

    private FactMatch() {
    }

    public static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[*`_]", "")
                .replaceAll("[\\u2010-\\u2015\\u2212]", "-");
        s = THOUSANDS.matcher(s).replaceAll("");
        s = TRAILING_ZEROS.matcher(s).replaceAll("");
        s = WRITTEN_DATE.matcher(s).replaceAll(m -> iso(m.group(3), m.group(1), m.group(2)));
        s = DAY_FIRST_DATE.matcher(s).replaceAll(m -> iso(m.group(3), m.group(2), m.group(1)));
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String iso(String year, String month, String day) {
        return "%s-%02d-%02d".formatted(year, Month.valueOf(month.toUpperCase(Locale.ROOT)).getValue(), Integer.parseInt(day));
    }

    /** Whether {@code text} states {@code fact} (both raw). */
    public static boolean states(String text, String fact) {
        if (text == null || fact == null || fact.isBlank()) {
            return false;
        }
        return Pattern.compile("(?<![0-9a-z])" + Pattern.quote(normalise(fact)) + "(?![0-9a-z])")
                .matcher(normalise(text)).find();
    }

    /** Whether {@code text} states the fact or one of its equally correct spellings. */
    public static boolean statesAny(String text, String fact, Collection<String> alternatives) {
        return states(text, fact) || alternatives.stream().anyMatch(a -> states(text, a));
    }
}
