package dev.tailor.finetune.evaluation;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.finetune.config.AdvisorConfig;
import dev.tailor.finetune.groups.PermissionGroup;
import dev.tailor.runtime.embedding.IndexEmbedding;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one evaluator: asks each question under each strategy as the group's users would be answered, scores every
 * answer ({@link AnswerScoring}) and sums each strategy up. The promotion gate, {@code POST /api/v1/evaluations},
 * {@code dev/eval}, the advisor and {@code strategy=auto} all read its reports.
 */
@ApplicationScoped
public class Evaluator {

    private static final Logger LOG = Logger.getLogger(Evaluator.class);

    /** One model asked under some strategies ({@code model} is null for strategies without a fine-tuned model). */
    public record Run(List<Strategy> strategies, String model) {
    }

    private final StrategyAnswerer answerer;
    private final IndexEmbedding embedding;
    private final AnswerScoring.Prices prices;
    private final Clock clock;

    Evaluator(StrategyAnswerer answerer, IndexEmbedding embedding, AdvisorConfig advisor, Clock clock) {
        this.answerer = answerer;
        this.embedding = embedding;
        this.prices = new AnswerScoring.Prices(advisor.promptPricePerMtok(), advisor.completionPricePerMtok(),
                advisor.fineTunedPriceFactor());
        this.clock = clock;
    }

    /**
     * Answers every question under every run's strategies, for the users of {@code group}.
     *
     * @param progress told the report so far after every answer, and the finished report
     */
    public EvaluationReport evaluate(String id, PermissionGroup group, List<EvalQuestion> questions, List<Run> runs,
                                     Consumer<EvaluationReport> progress) {
        Instant started = clock.instant();
        List<String> strategies = runs.stream().flatMap(r -> r.strategies().stream()).map(Strategy::wire).toList();
        String model = runs.stream().filter(r -> r.model() != null).map(Run::model).findFirst().orElse(null);
        int total = questions.size() * strategies.size();
        List<QuestionOutcome> outcomes = new ArrayList<>();
        for (Run run : runs) {
            for (Strategy strategy : run.strategies()) {
                for (EvalQuestion q : questions) {
                    outcomes.add(ask(q, strategy, group, run.model()));
                    progress.accept(report(id, group, model, strategies, "running", null, outcomes, total, started, null));
                }
            }
        }
        EvaluationReport done = report(id, group, model, strategies, "done", questions.size() + " questions", outcomes,
                total, started, clock.instant());
        progress.accept(done);
        return done;
    }

    private QuestionOutcome ask(EvalQuestion q, Strategy strategy, PermissionGroup group, String model) {
        StrategyAnswerer.Answered answered;
        try {
            answered = answerer.answer(q.question(), strategy, group.readableVia(), model);
        } catch (RuntimeException e) {
            LOG.warnf("%s under %s failed: %s", q.id(), strategy.wire(), e.toString());
            answered = new StrategyAnswerer.Answered("(no answer: " + e.getMessage() + ")", List.of(), 0, 0, 0);
        }
        return AnswerScoring.score(q, strategy, answered, similarity(answered.text(), q.reference()));
    }

    private double similarity(String answer, String reference) {
        if (answer == null || answer.isBlank() || reference == null || reference.isBlank()) {
            return 0;
        }
        List<float[]> v = embedding.embedAll(List.of(answer, reference));
        return Math.max(0, CosineSimilarity.between(Embedding.from(v.get(0)), Embedding.from(v.get(1))));
    }

    private EvaluationReport report(String id, PermissionGroup group, String model, List<String> strategies,
                                    String status, String message, List<QuestionOutcome> outcomes, int total,
                                    Instant started, Instant finished) {
        List<GroupEvaluation.StrategyScore> scores = strategies.stream().distinct()
                .map(s -> AnswerScoring.summarise(Strategy.of(s).orElseThrow(), outcomes, prices)).toList();
        return new EvaluationReport(id, group.id(), group.roles(), model, strategies, status, message, outcomes.size(),
                total, started, finished, scores, finished == null ? null : AnswerScoring.best(scores), List.copyOf(outcomes));
    }
}
