package dev.tailor.finetune.evaluation;

import dev.tailor.finetune.groups.PermissionGroup;
import dev.tailor.finetune.registry.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Evaluations asked for by an administrator ({@code POST /api/v1/evaluations}, {@code dev/eval}): the group's gold
 * questions and the held-out pairs of its latest dataset, under the chosen strategies (all four by default; the
 * fine-tuned ones only when a model serves the group), run in the background and published as the group's latest
 * evaluation when done.
 */
@ApplicationScoped
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    private final Evaluator evaluator;
    private final EvaluationStore store;
    private final GoldQuestions gold;
    private final HeldOutPairs heldOut;
    private final ModelRegistry registry;
    private final ManagedExecutor executor;
    private final Clock clock;

    EvaluationService(Evaluator evaluator, EvaluationStore store, GoldQuestions gold, HeldOutPairs heldOut,
                      ModelRegistry registry, ManagedExecutor executor, Clock clock) {
        this.evaluator = evaluator;
        this.store = store;
        this.gold = gold;
        this.heldOut = heldOut;
        this.registry = registry;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts an evaluation of the group; returns its report as it starts (status {@code running}). */
    public EvaluationReport start(PermissionGroup group, List<Strategy> requested, int maxQuestions) {
        String model = registry.current(group.id()).map(p -> p.modelId()).orElse(null);
        List<Strategy> strategies = (requested.isEmpty() ? List.of(Strategy.values()) : requested).stream()
                .filter(s -> !s.fineTuned() || model != null).toList();
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no model serves group " + group.id()
                    + ", so the fine-tuned strategies cannot be evaluated; ask for extractive or rag");
        }
        List<EvalQuestion> questions = questions(group, maxQuestions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("group " + group.id() + " has no gold questions and no held-out pairs"
                    + " (configure tailor.finetune.evaluation.gold-questions or train the group first)");
        }
        String id = "eval-" + UUID.randomUUID().toString().substring(0, 8);
        List<Evaluator.Run> runs = List.of(
                new Evaluator.Run(strategies.stream().filter(s -> !s.fineTuned()).toList(), null),
                new Evaluator.Run(strategies.stream().filter(Strategy::fineTuned).toList(), model));
        EvaluationReport started = new EvaluationReport(id, group.id(), group.roles(), model,
                strategies.stream().map(Strategy::wire).toList(), "running", null, 0,
                questions.size() * strategies.size(), clock.instant(), null, List.of(), null, List.of());
        store.keep(started);
        executor.execute(() -> {
            try {
                EvaluationReport done = evaluator.evaluate(id, group, questions, runs, store::keep);
                store.publish(done.summary());
            } catch (RuntimeException e) {
                LOG.warnf(e, "evaluation %s of %s failed", id, group.id());
                store.keep(new EvaluationReport(id, group.id(), group.roles(), model, started.strategies(), "failed",
                        e.getMessage(), 0, started.total(), started.startedAt(), clock.instant(), List.of(), null, List.of()));
            }
        });
        return started;
    }

    List<EvalQuestion> questions(PermissionGroup group, int max) {
        List<EvalQuestion> questions = new ArrayList<>(gold.forGroup(group, max));
        heldOut.latestDatasetOf(group.id()).filter(Files::isDirectory).ifPresent(dir -> {
            var pairs = dev.tailor.finetune.dataset.DatasetWriter.heldOut(dir);
            for (int i = 0; i < pairs.size() && questions.size() < 2 * max; i++) {
                var p = pairs.get(i);
                questions.add(new EvalQuestion("held-out-" + (i + 1), p.question(), KeyFacts.of(p.question(), p.answer()),
                        List.of(), p.answer(), false, p.docId(), "held-out"));
            }
        });
        return questions;
    }
}
