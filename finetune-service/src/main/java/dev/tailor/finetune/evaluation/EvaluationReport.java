package dev.tailor.finetune.evaluation;

import dev.tailor.contracts.GroupEvaluation;

import java.time.Instant;
import java.util.List;

/**
 * An evaluation run: what was asked of which models for whom, how each strategy scored, and every answer.
 *
 * @param status {@code running}, {@code done} or {@code failed}
 * @param done   questions answered so far (over all strategies), of {@code total}
 */
public record EvaluationReport(String id, String groupId, List<String> roles, String fineTunedModel, List<String> strategies,
                               String status, String message, int done, int total, Instant startedAt, Instant finishedAt,
                               List<GroupEvaluation.StrategyScore> scores, String best, List<QuestionOutcome> outcomes) {

    public EvaluationReport {
        roles = List.copyOf(roles);
        strategies = List.copyOf(strategies);
        scores = scores == null ? List.of() : List.copyOf(scores);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public GroupEvaluation summary() {
        return new GroupEvaluation(groupId, roles, id, finishedAt, fineTunedModel, scores, best);
    }
}
