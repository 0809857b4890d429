package dev.tailor.finetune.advice;

import dev.tailor.finetune.config.AdvisorConfig;

/** Thresholds and prices the decision uses (see {@link AdvisorConfig} for meanings and defaults). */
public record AdvisorPolicy(
        long smallCorpusTokens,
        double maxChangesPerDay,
        long largeContextTokens,
        double highVolumeQueriesPerDay,
        int maxModels,
        double promptPricePerMtok,
        double completionPricePerMtok,
        double trainingPricePerMtok,
        double fineTunedPriceFactor,
        int epochs,
        double datasetTokensPerCorpusToken,
        double governanceCostPerModelMonth,
        double quietPeriodDays,
        int minEvidenceQuestions,
        double costCeilingPerAnswer) {

    public static AdvisorPolicy of(AdvisorConfig c) {
        return new AdvisorPolicy(c.smallCorpusTokens(), c.maxChangesPerDay(), c.largeContextTokens(),
                c.highVolumeQueriesPerDay(), c.maxModels(), c.promptPricePerMtok(), c.completionPricePerMtok(),
                c.trainingPricePerMtok(), c.fineTunedPriceFactor(), c.epochs(), c.datasetTokensPerCorpusToken(),
                c.governanceCostPerModelMonth(), c.quietPeriod().toMinutes() / 1440.0, c.minEvidenceQuestions(),
                c.costCeilingPerAnswer());
    }
}
