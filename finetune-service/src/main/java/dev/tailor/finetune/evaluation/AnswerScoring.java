package dev.tailor.finetune.evaluation;

import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.runtime.rag.RetrievedChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores answers and sums them up per strategy. Pure: similarities and prices are handed in.
 * <ul>
 *   <li>fact accuracy: of the questions the asker may read, the share whose answer states every reference fact;</li>
 *   <li>refusal accuracy: of those they may not read, the share refused without the fact;</li>
 *   <li>citation accuracy: of the right answers with retrieval, the share whose cited passages contain the fact (the
 *   passages it names as [n], or all it was given when it names none — as query-service cites them);</li>
 *   <li>cost: prompt and completion tokens at the prices, fine-tuned models at their factor.</li>
 * </ul>
 */
public final class AnswerScoring {

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");

    /** Prices per million tokens, as the advisor's. */
    public record Prices(double promptPerMtok, double completionPerMtok, double fineTunedFactor) {
    }

    private AnswerScoring() {
    }

    public static QuestionOutcome score(EvalQuestion q, Strategy strategy, StrategyAnswerer.Answered a, double similarity) {
        String text = a.text();
        boolean states = q.facts().size() == 1
                ? FactMatch.statesAny(text, q.facts().get(0), q.alternatives())
                : q.facts().stream().allMatch(f -> FactMatch.states(text, f));
        boolean factCorrect = !q.expectRefusal() && states;
        Boolean refusalCorrect = q.expectRefusal() ? !states && RefusalDetector.refuses(text) : null;
        Boolean citationCorrect = null;
        if (factCorrect && strategy.retrieves()) {
            citationCorrect = cited(text, a.passages()).stream().anyMatch(p -> q.facts().stream()
                    .allMatch(f -> FactMatch.statesAny(p.text(), f, q.facts().size() == 1 ? q.alternatives() : List.of())));
        }
        return new QuestionOutcome(q.id(), q.question(), strategy.wire(), QuestionOutcome.shortened(text),
                q.expectRefusal(), factCorrect, refusalCorrect, citationCorrect, similarity, a.promptTokens(),
                a.completionTokens(), a.latencyMillis(), q.source());
    }

    /** The passages an answer names as [n]; all it was given when it names none. */
    static List<RetrievedChunk> cited(String text, List<RetrievedChunk> passages) {
        List<RetrievedChunk> cited = new ArrayList<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= passages.size() && !cited.contains(passages.get(n - 1))) {
                cited.add(passages.get(n - 1));
            }
        }
        return cited.isEmpty() ? passages : cited;
    }

    public static GroupEvaluation.StrategyScore summarise(Strategy strategy, List<QuestionOutcome> outcomes, Prices prices) {
        List<QuestionOutcome> mine = outcomes.stream().filter(o -> o.strategy().equals(strategy.wire())).toList();
        List<QuestionOutcome> answerable = mine.stream().filter(o -> !o.expectRefusal()).toList();
        List<QuestionOutcome> refusals = mine.stream().filter(QuestionOutcome::expectRefusal).toList();
        List<QuestionOutcome> cited = mine.stream().filter(o -> o.citationCorrect() != null).toList();
        double prompt = mine.stream().mapToLong(QuestionOutcome::promptTokens).average().orElse(0);
        double completion = mine.stream().mapToLong(QuestionOutcome::completionTokens).average().orElse(0);
        double factor = strategy.fineTuned() ? prices.fineTunedFactor() : 1.0;
        List<Long> latencies = mine.stream().map(QuestionOutcome::latencyMillis).sorted().toList();
        return new GroupEvaluation.StrategyScore(strategy.wire(), mine.size(),
                share(answerable.stream().filter(QuestionOutcome::factCorrect).count(), answerable.size()),
                refusals.isEmpty() ? null : share(refusals.stream().filter(o -> Boolean.TRUE.equals(o.refusalCorrect())).count(), refusals.size()),
                cited.isEmpty() ? null : share(cited.stream().filter(o -> o.citationCorrect()).count(), cited.size()),
                mine.stream().mapToDouble(QuestionOutcome::similarity).average().orElse(0),
                prompt, completion,
                factor * (prompt * prices.promptPerMtok() + completion * prices.completionPerMtok()) / 1e6,
                latencies.isEmpty() ? 0 : latencies.get((latencies.size() - 1) / 2));
    }

    /** The highest fact accuracy; ties go to the better refusals, then the cheaper. */
    public static String best(List<GroupEvaluation.StrategyScore> scores) {
        return scores.stream().max(java.util.Comparator
                        .comparingDouble(GroupEvaluation.StrategyScore::factAccuracy)
                        .thenComparingDouble(s -> s.refusalAccuracy() == null ? 0 : s.refusalAccuracy())
                        .thenComparing(java.util.Comparator.comparingDouble(GroupEvaluation.StrategyScore::costPerAnswer).reversed()))
                .map(GroupEvaluation.StrategyScore::strategy).orElse(null);
    }

    private static double share(long part, int whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }
}
