package dev.tailor.finetune.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Thresholds and prices of the advisor ({@code tailor.advisor.*}; env {@code TAILOR_ADVISOR_*}). Prices are per
 * million tokens in the currency of your contract; the defaults are gpt-4o-mini list prices (USD, 2025).
 */
@ConfigMapping(prefix = "tailor.advisor")
public interface AdvisorConfig {

    /** Below this many corpus tokens retrieval covers the corpus; fine-tuning has too little to learn. Env: TAILOR_ADVISOR_SMALL_CORPUS_TOKENS. */
    @WithDefault("50000")
    long smallCorpusTokens();

    /** Above this many changes per day (7-day average) a fine-tuned model is stale before it is trained. Env: TAILOR_ADVISOR_MAX_CHANGES_PER_DAY. */
    @WithDefault("1.0")
    double maxChangesPerDay();

    /** Retrieved tokens per answered question from which context is "large". Env: TAILOR_ADVISOR_LARGE_CONTEXT_TOKENS. */
    @WithDefault("1500")
    long largeContextTokens();

    /** Questions per day from which volume is "high". Env: TAILOR_ADVISOR_HIGH_VOLUME_QUERIES_PER_DAY. */
    @WithDefault("500")
    double highVolumeQueriesPerDay();

    /** More permission groups than this = too many models to govern for fine-tuning alone. Env: TAILOR_ADVISOR_MAX_MODELS. */
    @WithDefault("5")
    int maxModels();

    /** Window over which queries per day and tokens per query are measured. Env: TAILOR_ADVISOR_METRICS_WINDOW. */
    @WithDefault("P7D")
    Duration metricsWindow();

    /** Env: TAILOR_ADVISOR_PROMPT_PRICE_PER_MTOK. */
    @WithDefault("0.15")
    double promptPricePerMtok();

    /** Env: TAILOR_ADVISOR_COMPLETION_PRICE_PER_MTOK. */
    @WithDefault("0.60")
    double completionPricePerMtok();

    /** Env: TAILOR_ADVISOR_TRAINING_PRICE_PER_MTOK. */
    @WithDefault("3.00")
    double trainingPricePerMtok();

    /** Inference on a fine-tuned model costs this many times the base price (gpt-4o-mini: 2). Env: TAILOR_ADVISOR_FINE_TUNED_PRICE_FACTOR. */
    @WithDefault("2.0")
    double fineTunedPriceFactor();

    /** Training epochs assumed per run. Env: TAILOR_ADVISOR_EPOCHS. */
    @WithDefault("3")
    int epochs();

    /** Dataset tokens per corpus token (questions + answers + system prompts). Env: TAILOR_ADVISOR_DATASET_TOKENS_PER_CORPUS_TOKEN. */
    @WithDefault("1.5")
    double datasetTokensPerCorpusToken();

    /** Monthly cost of keeping one model governed (evaluation, review, registry): counted per group. Env: TAILOR_ADVISOR_GOVERNANCE_COST_PER_MODEL_MONTH. */
    @WithDefault("20")
    double governanceCostPerModelMonth();

    /** Quiet period assumed between retrains; bounds retrains per month. Default: tailor.finetune.quiet-period. Env: TAILOR_ADVISOR_QUIET_PERIOD. */
    @WithDefault("${tailor.finetune.quiet-period}")
    Duration quietPeriod();

    /**
     * Questions an evaluation must have asked (that its users may read) before its accuracies decide the
     * recommendation; with fewer the advisor says the evidence is too small and decides from the other factors.
     * Env: TAILOR_ADVISOR_MIN_EVIDENCE_QUESTIONS.
     */
    @WithDefault("10")
    int minEvidenceQuestions();

    /**
     * Highest cost per answer (prompt and completion tokens at the prices above) a strategy may have to be chosen on
     * its measured accuracy. Env: TAILOR_ADVISOR_COST_CEILING_PER_ANSWER.
     */
    @WithDefault("0.01")
    double costCeilingPerAnswer();
}
