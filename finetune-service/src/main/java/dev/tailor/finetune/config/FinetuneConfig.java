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
    @WithDefault("PT30S")
    Duration pollInterval();

    /** Consecutive failed polls after which a job is marked failed. Env: TAILOR_FINETUNE_MAX_POLL_FAILURES. */
    @WithDefault("20")
    int maxPollFailures();

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

        /** Most evaluation questions asked per model (each costs a chat call). Env: TAILOR_FINETUNE_DATASET_MAX_EVAL_QUESTIONS. */
        @WithDefault("50")
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
        @WithDefault("openai")
        String name();

        /** Base URL of the OpenAI-compatible API, including {@code /v1}. Env: TAILOR_FINETUNE_PROVIDER_BASE_URL. */
        @WithDefault("https://api.openai.com/v1")
        URI baseUrl();

        /** Bearer key for the provider. Env: TAILOR_FINETUNE_PROVIDER_API_KEY. */
        Optional<String> apiKey();

        /** Model that is fine-tuned. Env: TAILOR_FINETUNE_PROVIDER_BASE_MODEL. */
        @WithDefault("gpt-4o-mini-2024-07-18")
        String baseModel();

        /** Attempts per provider call before the job fails (transient errors: 429, 5xx, I/O). Env: TAILOR_FINETUNE_PROVIDER_ATTEMPTS. */
        @WithDefault("4")
        int attempts();

        /** First back-off between attempts; doubles each time. Env: TAILOR_FINETUNE_PROVIDER_BACKOFF. */
        @WithDefault("PT1S")
        Duration backoff();
    }

    interface Generation {
        /**
         * OpenAI-compatible base URL of the chat model that writes question/answer pairs. Absent = the deterministic
         * generator built from the document structure. Env: TAILOR_FINETUNE_GENERATION_BASE_URL.
         */
        Optional<URI> baseUrl();

        /** Env: TAILOR_FINETUNE_GENERATION_API_KEY. */
        Optional<String> apiKey();

        /** Chat model name. Env: TAILOR_FINETUNE_GENERATION_MODEL. */
        @WithDefault("gpt-4o-mini")
        String model();

        /** Pairs asked for per document. Env: TAILOR_FINETUNE_GENERATION_PAIRS_PER_DOCUMENT. */
        @WithDefault("8")
        int pairsPerDocument();

        /** Most characters of a document sent in one generation prompt. Env: TAILOR_FINETUNE_GENERATION_MAX_CHARS. */
        @WithDefault("12000")
        int maxChars();

        /** Env: TAILOR_FINETUNE_GENERATION_TIMEOUT. */
        @WithDefault("PT60S")
        Duration timeout();
    }

    interface Evaluation {
        /** Base URL the candidate and current models are asked through; default: the provider's. Env: TAILOR_FINETUNE_EVALUATION_BASE_URL. */
        Optional<URI> baseUrl();

        /** Default: the provider's key. Env: TAILOR_FINETUNE_EVALUATION_API_KEY. */
        Optional<String> apiKey();

        /** Mean answer/reference similarity (cosine, 0..1) a candidate must reach. Env: TAILOR_FINETUNE_EVALUATION_THRESHOLD. */
        @WithDefault("0.6")
        double threshold();

        /** Env: TAILOR_FINETUNE_EVALUATION_TIMEOUT. */
        @WithDefault("PT60S")
        Duration timeout();
    }
}
