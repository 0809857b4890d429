package dev.tailor.finetune.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an answer declines to answer ("I could not find it in the documents you may read", "I don't know"):
 * the phrasings Tailor's prompts ask for, query-service's fixed reply when nothing permitted matched, and the usual
 * ways models say they do not know. Pure.
 */
public final class RefusalDetector {

    static final List<Pattern> REFUSALS = List.of(
            Pattern.compile("\\b(could not|couldn't|cannot|can't|did not|didn't|unable to) (find|locate|see)\\b"),
            Pattern.compile("\\bfound nothing\\b"),
            Pattern.compile("\\bno (information|mention|passage|document|context)s?\\b"),
            Pattern.compile("\\b(not|isn't|is not) (in|mentioned in|found in|available in|covered by|part of) the (documents|passages|context|provided)"),
            Pattern.compile("\\b(do not|don't) (know|have (that|this|the|enough) information)\\b"),
            Pattern.compile("\\bnot (allowed|permitted|authori[sz]ed) to (read|see|access)\\b"),
            Pattern.compile("\\b(do not|does not|did not|don't|doesn't|didn't) (say|mention|contain|state|include)\\b"));

    private RefusalDetector() {
    }

    public static boolean refuses(String answer) {
        if (answer == null || answer.isBlank()) {
            return false;
        }
        String text = answer.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return REFUSALS.stream().anyMatch(p -> p.matcher(text).find());
    }
}
