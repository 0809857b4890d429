package dev.tailor.finetune.advice;

import dev.tailor.contracts.GroupEvaluation;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the group's latest evaluation says, as the advisor reads it: whether it is enough to trust, which strategy was
 * most accurate within the cost ceiling, and the figures, in words. Pure.
 *
 * @param questions answerable questions the evaluation asked per strategy (the largest of its strategies)
 * @param best      the most accurate strategy within the cost ceiling (ties: better refusals, then cheaper)
 */
public record Evidence(boolean trusted, String evaluationId, int questions, String best,
                       List<GroupEvaluation.StrategyScore> scores, String summary) {

    static Evidence of(GroupEvaluation measured, AdvisorPolicy p) {
        if (measured == null || measured.strategies().isEmpty()) {
            return new Evidence(false, null, 0, null, List.of(), "no measured evidence yet: the group has not been"
                    + " evaluated (POST /api/v1/evaluations or dev/eval); the factors below decide");
        }
        int questions = measured.strategies().stream().mapToInt(GroupEvaluation.StrategyScore::questions).max().orElse(0);
        String figures = measured.strategies().stream().map(s -> String.format(Locale.ROOT,
                        "%s %.0f%% right (%s), %.5f per answer, p50 %d ms", s.strategy(), 100 * s.factAccuracy(),
                        s.refusalAccuracy() == null ? "no refusals asked" : String.format(Locale.ROOT,
                                "%.0f%% of refusals", 100 * s.refusalAccuracy()), s.costPerAnswer(), s.p50LatencyMillis()))
                .collect(Collectors.joining("; "));
        if (questions < p.minEvidenceQuestions()) {
            return new Evidence(false, measured.evaluationId(), questions, null, measured.strategies(), String.format(
                    Locale.ROOT, "measured evidence is too small to trust: %d questions per strategy (at least %d"
                            + " needed) — %s; the factors below decide", questions, p.minEvidenceQuestions(), figures));
        }
        Optional<GroupEvaluation.StrategyScore> best = measured.strategies().stream()
                .filter(s -> s.costPerAnswer() <= p.costCeilingPerAnswer())
                .max(Comparator.comparingDouble(GroupEvaluation.StrategyScore::factAccuracy)
                        .thenComparingDouble(s -> s.refusalAccuracy() == null ? 0 : s.refusalAccuracy())
                        .thenComparing(Comparator.comparingDouble(GroupEvaluation.StrategyScore::costPerAnswer).reversed()));
        if (best.isEmpty()) {
            return new Evidence(false, measured.evaluationId(), questions, null, measured.strategies(), String.format(
                    Locale.ROOT, "every measured strategy costs more than the ceiling of %.5f per answer — %s; the"
                            + " factors below decide", p.costCeilingPerAnswer(), figures));
        }
        return new Evidence(true, measured.evaluationId(), questions, best.get().strategy(), measured.strategies(),
                String.format(Locale.ROOT, "measured on %d questions (evaluation %s): %s — the most accurate within"
                        + " %.5f per answer is %s", questions, measured.evaluationId(), figures,
                        p.costCeilingPerAnswer(), best.get().strategy()));
    }

    Recommendation recommendation() {
        return switch (best) {
            case GroupEvaluation.FINETUNED -> Recommendation.FINE_TUNE;
            case GroupEvaluation.FINETUNED_RAG -> Recommendation.HYBRID;
            default -> Recommendation.RAG;
        };
    }

    boolean bestWithRetrieval() {
        return !GroupEvaluation.FINETUNED.equals(best);
    }
}
