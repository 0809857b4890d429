package dev.tailor.finetune.advice;

/**
 * Monthly costs (30 days) in the currency of the configured prices.
 *
 * @param breakEvenQueriesPerDay queries per day from which fine-tuning is cheaper than RAG; null when never
 *                               (a fine-tuned request is not cheaper than a RAG request)
 */
public record Costs(
        double ragPerQuery,
        double fineTunedPerQuery,
        double ragMonthly,
        double trainingPerRun,
        double retrainsPerMonth,
        double fineTuneTrainingMonthly,
        double fineTuneInferenceMonthly,
        double governanceMonthly,
        double fineTuneMonthly,
        Double breakEvenQueriesPerDay) {
}
