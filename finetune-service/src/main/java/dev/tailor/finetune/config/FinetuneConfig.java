package dev.tailor.finetune.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything finetune-service decides with ({@code tailor.finetune.*}; env {@code TAILOR_FINETUNE_*}). */
@ConfigMapping(prefix = "tailor.finetune")
public interface FinetuneConfig {

    /** How long a group's corpus must be unchanged before it is retrained. Env: TAILOR_FINETUNE_QUIET_PERIOD. */
    @WithDefault("PT6H")
    Duration quietPeriod();

    /**
     * Fewest question/answer pairs worth a training run (OpenAI requires 10). Before the dataset exists the
     * group's chunk count stands in for it. Env: TAILOR_FINETUNE_MIN_EXAMPLES.
     */
    @WithDefault("10")
    int minExamples();

    /** Compacted topic holding job records (key = job id); it is the service's memory across restarts. Env: TAILOR_FINETUNE_JOBS_TOPIC. */
    @WithDefault("finetune.jobs")
    String jobsTopic();

    /** How often running provider jobs are polled. Env: TAILOR_FINETUNE_POLL_INTERVAL. */
    @WithDefault("10s")
    Duration pollInterval();

    /** Consecutive failed polls after which a job is marked failed. Env: TAILOR_FINETUNE_MAX_POLL_FAILURES. */
    @WithDefault("20")
    int maxPollFailures();

    /**
     * How often every document of the index is read again (besides following docs.indexed): what the topic no longer
     * keeps is still known. Env: TAILOR_FINETUNE_INDEX_RESYNC.
     */
    @WithDefault("10m")
    Duration indexResync();

    /** How long startup waits for the replay of docs.indexed, the jobs and the registry. Env: TAILOR_FINETUNE_REPLAY_TIMEOUT. */
    @WithDefault("PT60S")
    Duration replayTimeout();

    Schedule schedule();

    Dataset dataset();

    Provider provider();

    Generation generation();

    Evaluation evaluation();

    interface Schedule {
        /**
         * When groups are checked for a training run (Quartz-style cron; {@code off} disables the schedule, the admin
         * trigger still works). Env: TAILOR_FINETUNE_SCHEDULE_CRON.
         */
        @WithDefault("0 */15 * * * ?")
        String cron();
    }

    interface Dataset {
        /** Where datasets are written, one directory per job. Env: TAILOR_FINETUNE_DATASET_PATH. */
        @WithDefault("${java.io.tmpdir}/tailor-datasets")
        Path path();

        /** Share of the pairs held out for evaluation (chosen by hash, so the split is reproducible). Env: TAILOR_FINETUNE_DATASET_EVAL_FRACTION. */
        @WithDefault("0.2")
        double evalFraction();

        /** Most evaluation questions asked per model and strategy (each costs a chat call). Env: TAILOR_FINETUNE_DATASET_MAX_EVAL_QUESTIONS. */
        @WithDefault("40")
        int maxEvalQuestions();

        /** System message of every training example. Env: TAILOR_FINETUNE_DATASET_SYSTEM_PROMPT. */
        @WithDefault("You are Tailor, an assistant that answers questions about the company's documents.")
        String systemPrompt();

        /** Most chunks snapshotted per group (Weaviate caps offset paging at QUERY_MAXIMUM_RESULTS, 10000 by default). Env: TAILOR_FINETUNE_DATASET_MAX_CHUNKS. */
        @WithDefault("10000")
        int maxChunks();
    }

    interface Provider {
        /** Name recorded in promotions. Env: TAILOR_FINETUNE_PROVIDER_NAME. */
        @WithDefault("model-service")
        String name();

        /**
         * Base URL of the OpenAI-compatible fine-tuning API, including {@code /v1}: model-service locally, or a hosted
         * provider. Env: TAILOR_FINETUNE_PROVIDER_BASE_URL.
         */
        @WithDefault("http://127.0.0.1:8083/v1")
        URI baseUrl();

        /** Bearer key for the provider (model-service needs none). Env: TAILOR_FINETUNE_PROVIDER_API_KEY. */
        Optional<String> apiKey();

        /** Model that is fine-tuned. Env: TAILOR_FINETUNE_PROVIDER_BASE_MODEL. */
        @WithDefault("smollm2-135m")
        String baseModel();

        /** Epochs asked of the provider; absent: the provider's own choice ("auto"). Env: TAILOR_FINETUNE_PROVIDER_EPOCHS. */
        Optional<Integer> epochs();
    }

    interface Generation {
        /**
         * Whether a chat model writes the question/answer pairs. Without one there is no dataset worth training on,
         * and a run fails with that reason. Env: TAILOR_FINETUNE_GENERATION_ENABLED.
         */
        @WithDefault("true")
        boolean enabled();

        /** OpenAI-compatible base URL of the question writer; default: the provider's. Env: TAILOR_FINETUNE_GENERATION_BASE_URL. */
        Optional<URI> baseUrl();

        /** Default: the provider's key. Env: TAILOR_FINETUNE_GENERATION_API_KEY. */
        Optional<String> apiKey();

        /** Chat model name. Env: TAILOR_FINETUNE_GENERATION_MODEL. */
        @WithDefault("smollm2-135m")
        String model();

        /** Chunks written at once (the provider queues beyond its own capacity). Env: TAILOR_FINETUNE_GENERATION_CONCURRENCY. */
        @WithDefault("2")
        int concurrency();

        /**
         * Sentences of a chunk a question is written for, the most specific (numbers, names) first. Env:
         * TAILOR_FINETUNE_GENERATION_QUESTIONS_PER_CHUNK.
         */
        @WithDefault("3")
        int questionsPerChunk();

        /** Whether each kept question is also asked for in other words. Env: TAILOR_FINETUNE_GENERATION_REPHRASE. */
        @WithDefault("true")
        boolean rephrase();

        /** Env: TAILOR_FINETUNE_GENERATION_TEMPERATURE. */
        @WithDefault("0.2")
        double temperature();

        /**
         * OpenAI's frequency penalty on the writer: a small model otherwise can loop on one phrase until its tokens
         * run out. Env: TAILOR_FINETUNE_GENERATION_FREQUENCY_PENALTY.
         */
        @WithDefault("0.5")
        double frequencyPenalty();

        /** Tokens one answer of the writer (a question) may have. Env: TAILOR_FINETUNE_GENERATION_MAX_TOKENS. */
        @WithDefault("60")
        int maxTokens();

        /**
         * One reply of the writer. Generous: the local model shares its cores with any training it runs, and a timeout
         * fails the build as a provider outage would. Env: TAILOR_FINETUNE_GENERATION_TIMEOUT.
         */
        @WithDefault("PT300S")
        Duration timeout();

        Filters filters();
    }

    /** What a written pair must pass to be trained on (see dataset.PairFilter). */
    interface Filters {
        /** Env: TAILOR_FINETUNE_GENERATION_FILTERS_MAX_QUESTION_CHARS. */
        @WithDefault("300")
        int maxQuestionChars();

        /** Env: TAILOR_FINETUNE_GENERATION_FILTERS_MAX_ANSWER_CHARS. */
        @WithDefault("400")
        int maxAnswerChars();

        /** Share of the answer's content words that must occur in its chunk. Env: TAILOR_FINETUNE_GENERATION_FILTERS_MIN_ANSWER_OVERLAP. */
        @WithDefault("0.6")
        double minAnswerOverlap();

        /** Cosine of answer and chunk embeddings an answer must reach. Env: TAILOR_FINETUNE_GENERATION_FILTERS_MIN_ANSWER_SIMILARITY. */
        @WithDefault("0.3")
        double minAnswerSimilarity();

        /** Cosine of two questions' embeddings from which the later one is a near-duplicate. Env: TAILOR_FINETUNE_GENERATION_FILTERS_MAX_QUESTION_SIMILARITY. */
        @WithDefault("0.97")
        double maxQuestionSimilarity();
    }

    interface Evaluation {
        /** Base URL the models are asked through; default: the provider's. Env: TAILOR_FINETUNE_EVALUATION_BASE_URL. */
        Optional<URI> baseUrl();

        /** Default: the provider's key. Env: TAILOR_FINETUNE_EVALUATION_API_KEY. */
        Optional<String> apiKey();

        /** The chat model of the rag strategy (what users get without a fine-tuned model). Env: TAILOR_FINETUNE_EVALUATION_BASE_CHAT_MODEL. */
        @WithDefault("smollm2-135m")
        String baseChatModel();

        /**
         * Fact accuracy (share of questions whose answer states the reference fact) a candidate must reach to be
         * promoted; it must also beat what serves the group. Env: TAILOR_FINETUNE_EVALUATION_THRESHOLD.
         */
        @WithDefault("0.2")
        double threshold();

        /**
         * How the gate asks both models: as the candidate would serve, {@code finetuned+rag} (the group's model with
         * the permitted passages) or {@code finetuned} (the model alone). Env: TAILOR_FINETUNE_EVALUATION_GATE_STRATEGY.
         */
        @WithDefault("finetuned+rag")
        String gateStrategy();

        /** Passages retrieved per question under rag strategies. Env: TAILOR_FINETUNE_EVALUATION_TOP_K. */
        @WithDefault("3")
        int topK();

        /** Tokens an evaluated answer may have. Env: TAILOR_FINETUNE_EVALUATION_MAX_TOKENS. */
        @WithDefault("120")
        int maxTokens();

        /**
         * Gold questions with reference facts (dev/corpus/questions.jsonl for the sample corpus); the gate adds a
         * group's to its held-out pairs. Env: TAILOR_FINETUNE_EVALUATION_GOLD_QUESTIONS.
         */
        Optional<java.nio.file.Path> goldQuestions();

        /** Env: TAILOR_FINETUNE_EVALUATION_TIMEOUT. */
        @WithDefault("PT120S")
        Duration timeout();
    }
}
