package dev.tailor.finetune.evaluation;

/**
 * Promote only a candidate that clears the threshold and beats the serving model (if there is one). Pure.
 *
 * @param reason in plain language, recorded on the job
 */
public record PromotionGate(boolean promote, String reason) {

    public static PromotionGate decide(double candidate, Double current, double threshold) {
        if (candidate < threshold) {
            return new PromotionGate(false, String.format("candidate scored %.3f, below the threshold %.3f", candidate, threshold));
        }
        if (current != null && candidate <= current) {
            return new PromotionGate(false, String.format("candidate scored %.3f, not better than the current model's %.3f",
                    candidate, current));
        }
        return new PromotionGate(true, current == null
                ? String.format("candidate scored %.3f (threshold %.3f); no model served the group", candidate, threshold)
                : String.format("candidate scored %.3f, better than the current model's %.3f", candidate, current));
    }
}
