package dev.tailor.finetune.evaluation;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.CompactedStates;
import dev.tailor.runtime.kafka.CompactedTopicState;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluation results: the runs of this process in full (every answer), and the latest summary per group from the
 * compacted models.evaluations, which this store publishes and follows, so summaries outlive restarts and reach
 * query-service ({@code strategy=auto}).
 */
@ApplicationScoped
public class EvaluationStore {

    static final int KEPT_RUNS = 50;

    private final KafkaSupport kafka;
    private final Map<String, EvaluationReport> runs = new ConcurrentHashMap<>();
    private final CompactedTopicState<GroupEvaluation> latest;

    EvaluationStore(KafkaSupport kafka, CompactedStates states) {
        this.kafka = kafka;
        this.latest = states.follow(Topics.MODELS_EVALUATIONS, CompactedStates.json(GroupEvaluation.class),
                EvaluationStore::byEvaluationTime);
    }

    /** Older is earlier evaluated; an evaluation without a time is neither older nor newer. */
    static int byEvaluationTime(GroupEvaluation a, GroupEvaluation b) {
        return a.evaluatedAt() == null || b.evaluatedAt() == null ? 0 : a.evaluatedAt().compareTo(b.evaluatedAt());
    }

    void stop(@Observes ShutdownEvent event) {
        latest.close();
    }

    public boolean replayed() {
        return latest.replayed();
    }

    /** Keeps a run's report (running or done); the oldest finished ones are forgotten beyond {@value #KEPT_RUNS}. */
    public void keep(EvaluationReport report) {
        runs.put(report.id(), report);
        if (runs.size() > KEPT_RUNS) {
            runs.values().stream().filter(r -> r.finishedAt() != null)
                    .min(Comparator.comparing(EvaluationReport::finishedAt))
                    .ifPresent(r -> runs.remove(r.id()));
        }
    }

    /** Makes a group's evaluation the latest: published (durably) for every reader of models.evaluations. */
    public void publish(GroupEvaluation evaluation) {
        kafka.send(Topics.MODELS_EVALUATIONS, evaluation.groupId(), evaluation);
        latest.put(evaluation.groupId(), evaluation);
    }

    public Optional<EvaluationReport> run(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Newest first. */
    public List<EvaluationReport> runs() {
        return runs.values().stream().sorted(Comparator.comparing(EvaluationReport::startedAt).reversed()).toList();
    }

    public Optional<GroupEvaluation> latest(String groupId) {
        return latest.get(groupId);
    }

    public List<GroupEvaluation> latest() {
        return latest.values().values().stream().sorted(Comparator.comparing(GroupEvaluation::groupId)).toList();
    }
}
