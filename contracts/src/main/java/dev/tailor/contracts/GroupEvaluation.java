package dev.tailor.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Value on the compacted {@link Topics#MODELS_EVALUATIONS}, key = permission group id: the latest measured
 * comparison of the answering strategies for the group's users (finetune-service's evaluator). query-service routes
 * {@code strategy=auto} with it; the advisor decides with it.
 *
 * @param roles          the group's roles (the users the figures are about)
 * @param fineTunedModel the group's model that was measured under {@code finetuned} and {@code finetuned+rag}, if any
 * @param strategies     one entry per strategy measured
 * @param best           the strategy with the highest fact accuracy (ties: the cheaper), regardless of cost
 */
public record GroupEvaluation(
        String groupId,
        List<String> roles,
        String evaluationId,
        Instant evaluatedAt,
        String fineTunedModel,
        List<StrategyScore> strategies,
        String best) {

    /** The strategies an evaluation can measure, by their wire names. */
    public static final String EXTRACTIVE = "extractive";
    public static final String RAG = "rag";
    public static final String FINETUNED = "finetuned";
    public static final String FINETUNED_RAG = "finetuned+rag";

    public GroupEvaluation {
        roles = roles == null ? List.of() : List.copyOf(roles);
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
    }

    public Optional<StrategyScore> score(String strategy) {
        return strategies.stream().filter(s -> s.strategy().equals(strategy)).findFirst();
    }

    /**
     * How one strategy did over the evaluation's questions.
     *
     * @param questions        questions asked under this strategy
     * @param factAccuracy     share of answerable questions whose answer stated the reference fact (0..1)
     * @param refusalAccuracy  share of questions the users may not read that were refused without the fact (0..1;
     *                         null when there were none)
     * @param citationAccuracy share of right answers whose cited passages contain the fact (null without retrieval)
     * @param answerSimilarity mean cosine of answer and reference embeddings (0..1)
     * @param costPerAnswer    prompt and completion tokens at the configured prices, per question
     * @param p50LatencyMillis median time to a whole answer
     */
    public record StrategyScore(
            String strategy,
            int questions,
            double factAccuracy,
            Double refusalAccuracy,
            Double citationAccuracy,
            double answerSimilarity,
            double meanPromptTokens,
            double meanCompletionTokens,
            double costPerAnswer,
            long p50LatencyMillis) {
    }
}
