package dev.tailor.finetune.evaluation;

import java.util.Locale;

/**
 * Promote only a candidate whose fact accuracy clears the threshold and beats what serves the group now (its current
 * fine-tuned model, or the base model with retrieval when it has none), on the same questions. Pure.
 *
 * @param reason in plain language, recorded on the job
 */
public record PromotionGate(boolean promote, String reason) {

    public static PromotionGate decide(double candidate, Double current, String currentName, int questions,
                                       double threshold) {
        String sample = questions + " question" + (questions == 1 ? "" : "s");
        if (questions == 0) {
            return new PromotionGate(false, "no evaluation questions: nothing shows the candidate is better");
        }
        if (candidate < threshold) {
            return new PromotionGate(false, String.format(Locale.ROOT,
                    "candidate fact accuracy %.2f on %s, below the threshold %.2f", candidate, sample, threshold));
        }
        if (current != null && candidate <= current) {
            return new PromotionGate(false, String.format(Locale.ROOT,
                    "candidate fact accuracy %.2f on %s, not better than %s's %.2f", candidate, sample, currentName, current));
        }
        return new PromotionGate(true, current == null
                ? String.format(Locale.ROOT, "candidate fact accuracy %.2f on %s (threshold %.2f)", candidate, sample, threshold)
                : String.format(Locale.ROOT, "candidate fact accuracy %.2f on %s, better than %s's %.2f", candidate,
                sample, currentName, current));
    }
}
