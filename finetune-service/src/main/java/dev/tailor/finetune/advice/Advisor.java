package dev.tailor.finetune.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RAG, fine-tuning or both, as a pure function of the figures and the policy. The order of the rules is the
 * order of the arguments that settle the question in practice:
 * <ol>
 *     <li>a small corpus fits in retrieval; a model fine-tuned on it learns little → rag;</li>
 *     <li>data that changes faster than a model can be retrained makes the model stale → rag;</li>
 *     <li>stable data with large context per question at high volume: fine-tuning saves the prompt tokens → fine-tune
 *     when it is also cheaper, unless there are more groups (models to govern) than the policy allows → hybrid;</li>
 *     <li>otherwise, when fine-tuning is cheaper or the context is large → hybrid (a tuned model still given the
 *     retrieved passages, for citations and fresh facts); else rag.</li>
 * </ol>
 * Measurements come first when there are enough of them: the group's latest evaluation says how accurate each strategy
 * actually was on its questions, and the most accurate one within the cost ceiling is recommended (extractive or rag
 * → rag, finetuned → fine-tune, finetuned+rag → hybrid), unless the data changes too fast for a trained model to stay
 * current. With no evaluation, or one too small to trust, the rules above decide, and the advice says so.
 */
public final class Advisor {

    static final double DAYS_PER_MONTH = 30.0;

    private Advisor() {
    }

    public static Costs costs(AdviceFigures f, AdvisorPolicy p) {
        double ragPerQuery = (f.promptTokensPerQuery() * p.promptPricePerMtok()
                + f.completionTokensPerQuery() * p.completionPricePerMtok()) / 1e6;
        // a fine-tuned model answers without the retrieved passages: the prompt loses the context tokens
        double contextPerQuery = f.retrievedTokensPerAnswered() * f.answeredShare();
        double ftPrompt = Math.max(0, f.promptTokensPerQuery() - contextPerQuery);
        double ftPerQuery = p.fineTunedPriceFactor() * (ftPrompt * p.promptPricePerMtok()
                + f.completionTokensPerQuery() * p.completionPricePerMtok()) / 1e6;
        double queriesPerMonth = f.queriesPerDay() * DAYS_PER_MONTH;
        double ragMonthly = ragPerQuery * queriesPerMonth;
        double trainingPerRun = f.tokens() * p.datasetTokensPerCorpusToken() * p.epochs() * p.trainingPricePerMtok() / 1e6;
        // each change (after a quiet period) triggers a retrain; at least one run a month is counted (the first
        // training, amortised), at most as many as quiet periods fit in a month
        double maxRetrains = p.quietPeriodDays() > 0 ? DAYS_PER_MONTH / p.quietPeriodDays() : DAYS_PER_MONTH;
        double retrains = Math.max(1, Math.min(f.changesLast30Days(), maxRetrains));
        double training = trainingPerRun * retrains;
        double inference = ftPerQuery * queriesPerMonth;
        double governance = p.governanceCostPerModelMonth();
        double ftMonthly = training + inference + governance;
        Double breakEven = ragPerQuery > ftPerQuery
                ? (training + governance) / (DAYS_PER_MONTH * (ragPerQuery - ftPerQuery))
                : null;
        return new Costs(ragPerQuery, ftPerQuery, ragMonthly, trainingPerRun, retrains, training, inference,
                governance, ftMonthly, breakEven);
    }

    public static Advice decide(AdviceFigures f, AdvisorPolicy p) {
        Advice byRules = decideByRules(f, p);
        Evidence evidence = Evidence.of(f.measured(), p);
        if (!evidence.trusted()) {
            List<String> reasons = new ArrayList<>();
            reasons.add(evidence.summary());
            reasons.addAll(byRules.reasons());
            return new Advice(f.groupId(), byRules.recommendation(), List.copyOf(reasons), f, byRules.costs(),
                    byRules.timeToMarket(), evidence);
        }
        Recommendation measured = evidence.recommendation();
        List<String> reasons = new ArrayList<>();
        reasons.add(evidence.summary());
        if (measured != Recommendation.RAG && f.changesPerDayLast7Days() > p.maxChangesPerDay()) {
            measured = evidence.bestWithRetrieval() ? Recommendation.HYBRID : Recommendation.RAG;
            reasons.add(String.format(Locale.ROOT, "but the data changes fast (%.2f changes/day over 7 days > %.2f): a"
                    + " model trained on it would be stale, so %s", f.changesPerDayLast7Days(), p.maxChangesPerDay(),
                    measured == Recommendation.HYBRID ? "keep retrieval beside it (hybrid)" : "use RAG"));
        }
        if (measured != byRules.recommendation()) {
            reasons.add("the factors alone would say " + byRules.recommendation().wire() + "; the measurements decide");
        }
        Recommendation decided = measured;
        byRules.reasons().stream().filter(r -> !r.startsWith("the corpus is small") || decided == Recommendation.RAG)
                .forEach(reasons::add);
        return new Advice(f.groupId(), decided, List.copyOf(reasons), f, byRules.costs(), byRules.timeToMarket(), evidence);
    }

    /** The recommendation of the factors alone (volume, transience, context, governance, cost). */
    static Advice decideByRules(AdviceFigures f, AdvisorPolicy p) {
        Costs c = costs(f, p);
        List<String> reasons = new ArrayList<>();
        Recommendation r;
        boolean cheaper = c.fineTuneMonthly() < c.ragMonthly();
        String costLine = String.format(Locale.ROOT,
                "monthly cost: RAG %.2f vs fine-tuning %.2f (training %.2f for %.1f run(s), inference %.2f, governance %.2f)%s",
                c.ragMonthly(), c.fineTuneMonthly(), c.fineTuneTrainingMonthly(), c.retrainsPerMonth(),
                c.fineTuneInferenceMonthly(), c.governanceMonthly(),
                c.breakEvenQueriesPerDay() == null ? "; fine-tuning never breaks even (its requests are not cheaper)"
                        : String.format(Locale.ROOT, "; break-even at %.0f queries/day (now %.1f)",
                        c.breakEvenQueriesPerDay(), f.queriesPerDay()));
        if (f.tokens() < p.smallCorpusTokens()) {
            r = Recommendation.RAG;
            reasons.add(String.format(Locale.ROOT, "the corpus is small (%d tokens < %d): retrieval covers it, and a model"
                    + " fine-tuned on it would learn little", f.tokens(), p.smallCorpusTokens()));
        } else if (f.changesPerDayLast7Days() > p.maxChangesPerDay()) {
            r = Recommendation.RAG;
            reasons.add(String.format(Locale.ROOT, "the data changes fast (%.2f changes/day over 7 days > %.2f): a"
                    + " fine-tuned model would be stale before it is trained; RAG serves a change as soon as it is indexed",
                    f.changesPerDayLast7Days(), p.maxChangesPerDay()));
        } else {
            boolean largeContext = f.retrievedTokensPerAnswered() >= p.largeContextTokens();
            boolean highVolume = f.queriesPerDay() >= p.highVolumeQueriesPerDay();
            reasons.add(String.format(Locale.ROOT, "the data is stable (%.2f changes/day over 7 days ≤ %.2f) and large"
                    + " enough (%d tokens)", f.changesPerDayLast7Days(), p.maxChangesPerDay(), f.tokens()));
            reasons.add(String.format(Locale.ROOT, "context per answered question is %s (%.0f tokens; large from %d)"
                    + " and volume is %s (%.1f queries/day; high from %.0f)",
                    largeContext ? "large" : "modest", f.retrievedTokensPerAnswered(), p.largeContextTokens(),
                    highVolume ? "high" : "low", f.queriesPerDay(), p.highVolumeQueriesPerDay()));
            if (largeContext && highVolume && cheaper) {
                if (f.groupCount() > p.maxModels()) {
                    r = Recommendation.HYBRID;
                    reasons.add(String.format(Locale.ROOT, "but %d permission groups mean %d models to train, evaluate"
                            + " and govern (more than %d): fine-tune where it pays most, keep RAG for the rest",
                            f.groupCount(), f.groupCount(), p.maxModels()));
                } else {
                    r = Recommendation.FINE_TUNE;
                    reasons.add("fine-tuning saves the retrieved context in every prompt and is cheaper at this volume");
                }
            } else if (cheaper || largeContext) {
                r = Recommendation.HYBRID;
                reasons.add(cheaper
                        ? "fine-tuning is cheaper, but without large context or high volume the gain is small: a tuned"
                        + " model that still receives the retrieved passages keeps citations and fresh facts"
                        : "the context per question is large, but fine-tuning alone does not pay at this volume: keep RAG"
                        + " and consider a tuned model for style and domain language");
            } else {
                r = Recommendation.RAG;
                reasons.add("fine-tuning does not pay: RAG is cheaper at this volume and keeps answers cited and fresh");
            }
        }
        reasons.add(String.format(Locale.ROOT, "governance: %d permission group(s) = %d model(s) to maintain with"
                + " fine-tuning; RAG enforces the same permissions in one index", f.groupCount(), f.groupCount()));
        reasons.add(costLine);
        return new Advice(f.groupId(), r, List.copyOf(reasons), f, c, timeToMarket(p), null);
    }

    static List<String> timeToMarket(AdvisorPolicy p) {
        return List.of(
                "RAG: a new or changed document is answerable as soon as it is indexed (seconds to minutes); "
                        + "no training, no evaluation cycle.",
                String.format(Locale.ROOT, "Fine-tuning: a change reaches the model only after the quiet period "
                        + "(%.2f days), dataset generation, training at the provider (typically one to several hours) "
                        + "and the evaluation gate; the first model also needs a review of its dataset.",
                        p.quietPeriodDays()));
    }
}
