package dev.tailor.finetune.evaluation;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
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
    private final Map<String, GroupEvaluation> latest = new ConcurrentHashMap<>();
    private TopicFollower follower;

    EvaluationStore(KafkaSupport kafka) {
        this.kafka = kafka;
    }

    @PostConstruct
    void start() {
        follower = kafka.follow(Topics.MODELS_EVALUATIONS, record -> {
            if (record.value() == null) {
                latest.remove(record.key());
            } else {
                latest.merge(record.key(), read(record.value()), (mine, replayed) ->
                        replayed.evaluatedAt() != null && mine.evaluatedAt() != null
                                && replayed.evaluatedAt().isBefore(mine.evaluatedAt()) ? mine : replayed);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
    }

    static GroupEvaluation read(String json) {
        try {
            return KafkaSupport.JSON.readValue(json, GroupEvaluation.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a GroupEvaluation: " + e.getMessage(), e);
        }
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean replayed() {
        return follower != null && follower.isCaughtUp();
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
        return Optional.ofNullable(latest.get(groupId));
    }

    public List<GroupEvaluation> latest() {
        return latest.values().stream().sorted(Comparator.comparing(GroupEvaluation::groupId)).toList();
    }
}
