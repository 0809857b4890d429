package dev.tailor.finetune.evaluation;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.dataset.DatasetWriter;
import dev.tailor.finetune.dataset.QaPair;
import dev.tailor.finetune.groups.PermissionGroup;
import dev.tailor.finetune.registry.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The promotion gate's evaluation: the candidate and the group's serving model, if it has one, answer the same
 * questions (the run's held-out pairs and the group's gold questions) the way the candidate would serve
 * ({@code tailor.finetune.evaluation.gate-strategy}); {@link PromotionGate} decides on their fact accuracies. A first
 * model only has to clear the threshold: whether users are then answered by it or by the base model is
 * {@code strategy=auto}'s choice, made on these same measurements — the base model's rag and extractive answers are
 * measured on the way, and the whole is published as the group's latest evaluation.
 */
@ApplicationScoped
public class CandidateGate {

    /**
     * @param evaluation the candidate's outcomes, for the job record; {@code current*} what it was compared with
     */
    public record Verdict(boolean promoted, String reason, String strategy, double candidateAccuracy,
                          Double currentAccuracy, String currentModel, int questions, List<QuestionOutcome> evaluation) {
    }

    private final Evaluator evaluator;
    private final EvaluationStore store;
    private final GoldQuestions gold;
    private final ModelRegistry registry;
    private final FinetuneConfig config;

    CandidateGate(Evaluator evaluator, EvaluationStore store, GoldQuestions gold, ModelRegistry registry,
                  FinetuneConfig config) {
        this.evaluator = evaluator;
        this.store = store;
        this.gold = gold;
        this.registry = registry;
        this.config = config;
    }

    public Verdict decide(String jobId, List<String> roles, String candidate, Path datasetDir) {
        PermissionGroup group = PermissionGroup.of(roles);
        List<EvalQuestion> questions = questions(group, datasetDir);
        Strategy strategy = Strategy.of(config.evaluation().gateStrategy()).filter(Strategy::fineTuned)
                .orElseThrow(() -> new IllegalStateException("tailor.finetune.evaluation.gate-strategy must be finetuned"
                        + " or finetuned+rag, not " + config.evaluation().gateStrategy()));
        Optional<String> serving = registry.current(group.id()).map(p -> p.modelId()).filter(m -> !m.equals(candidate));
        EvaluationReport candidateRun = evaluator.evaluate(jobId + "-candidate", group, questions,
                List.of(new Evaluator.Run(List.of(strategy), candidate)), store::keep);
        EvaluationReport baseRun = evaluator.evaluate(jobId + "-base", group, questions,
                List.of(new Evaluator.Run(List.of(Strategy.EXTRACTIVE, Strategy.RAG), null)), store::keep);
        EvaluationReport servingRun = serving.map(model -> evaluator.evaluate(jobId + "-serving", group, questions,
                List.of(new Evaluator.Run(List.of(strategy), model)), store::keep)).orElse(null);
        double candidateAccuracy = accuracy(candidateRun, strategy);
        Double currentAccuracy = servingRun != null ? accuracy(servingRun, strategy) : null;
        PromotionGate gate = PromotionGate.decide(candidateAccuracy, currentAccuracy,
                serving.map(m -> "the serving model " + m).orElse(null),
                (int) questions.stream().filter(q -> !q.expectRefusal()).count(), config.evaluation().threshold());
        publish(group, candidateRun, baseRun, servingRun, gate.promote() ? candidate : serving.orElse(null));
        String reason = gate.reason() + String.format(java.util.Locale.ROOT,
                "; on the same questions the base model with retrieval scored %.2f", accuracy(baseRun, Strategy.RAG));
        return new Verdict(gate.promote(), reason, strategy.wire(), candidateAccuracy, currentAccuracy,
                serving.orElse(null), questions.size(), candidateRun.outcomes());
    }

    /** The run's held-out pairs, then the group's gold questions, each up to the configured number. */
    List<EvalQuestion> questions(PermissionGroup group, Path datasetDir) {
        int max = config.dataset().maxEvalQuestions();
        List<EvalQuestion> questions = new ArrayList<>();
        List<QaPair> heldOut = DatasetWriter.heldOut(datasetDir);
        for (int i = 0; i < Math.min(max, heldOut.size()); i++) {
            QaPair p = heldOut.get(i);
            questions.add(new EvalQuestion("held-out-" + (i + 1), p.question(), KeyFacts.of(p.question(), p.answer()),
                    List.of(), p.answer(), false, p.docId(), "held-out"));
        }
        questions.addAll(gold.forGroup(group, max));
        return questions;
    }

    private void publish(PermissionGroup group, EvaluationReport candidateRun, EvaluationReport baseRun,
                         EvaluationReport servingRun, String servingAfter) {
        EvaluationReport fineTuned = servingAfter == null ? null
                : servingAfter.equals(candidateRun.fineTunedModel()) ? candidateRun : servingRun;
        List<GroupEvaluation.StrategyScore> scores = Stream.concat(baseRun.scores().stream(),
                fineTuned == null ? Stream.empty() : fineTuned.scores().stream()).toList();
        store.publish(new GroupEvaluation(group.id(), group.roles(), baseRun.id(), baseRun.finishedAt(), servingAfter,
                scores, AnswerScoring.best(scores)));
    }

    private static double accuracy(EvaluationReport report, Strategy strategy) {
        return report.scores().stream().filter(s -> s.strategy().equals(strategy.wire())).findFirst()
                .map(GroupEvaluation.StrategyScore::factAccuracy).orElse(0.0);
    }
}
