package dev.tailor.model.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Everything model-service decides with ({@code tailor.model.*}; env {@code TAILOR_MODEL_*}). */
@ConfigMapping(prefix = "tailor.model")
public interface ModelServiceConfig {

    /**
     * The model store: uploaded files, fine-tuning jobs, their events and trained adapters (a directory locally, a
     * PVC in Kubernetes). Everything the service knows survives a restart through it. Env: TAILOR_MODEL_STORE.
     */
    Path store();

    /**
     * Bearer key clients must present (OpenAI-style {@code Authorization: Bearer …}). Absent: no key is asked, for
     * a service reachable only on loopback or behind a NetworkPolicy. Env: TAILOR_MODEL_API_KEY.
     */
    Optional<String> apiKey();

    Base base();

    Serving serving();

    Training training();

    interface Base {
        /** The base model's GGUF file (SmolLM2-135M-Instruct, Q4_1). Env: TAILOR_MODEL_BASE_GGUF. */
        Path gguf();

        /** The id the base model is served and fine-tuned as. Env: TAILOR_MODEL_BASE_ID. */
        @WithDefault("smollm2-135m")
        String id();
    }

    interface Serving {
        /** CPU threads llama.cpp uses for one generation. Env: TAILOR_MODEL_SERVING_THREADS. */
        @WithDefault("2")
        int threads();

        /** Context window in tokens (prompt + answer). Env: TAILOR_MODEL_SERVING_CONTEXT_SIZE. */
        @WithDefault("4096")
        int contextSize();

        /**
         * Generations running at once. Each uses {@code threads} cores, so 1 on a 2-core machine: more requests wait
         * in the queue instead of slowing every answer down. Env: TAILOR_MODEL_SERVING_CONCURRENCY.
         */
        @WithDefault("1")
        int concurrency();

        /** Requests that may wait for a generation slot; beyond it a request gets 429. Env: TAILOR_MODEL_SERVING_QUEUE_CAPACITY. */
        @WithDefault("64")
        int queueCapacity();

        /** Models (the base, each fine-tuned adapter) kept loaded; the least recently used goes first. Env: TAILOR_MODEL_SERVING_LOADED_MODELS. */
        @WithDefault("4")
        int loadedModels();

        /** Tokens an answer may have when the request sets no max_tokens. Env: TAILOR_MODEL_SERVING_DEFAULT_MAX_TOKENS. */
        @WithDefault("512")
        int defaultMaxTokens();

        /**
         * Temperature when the request sets none. OpenAI's default is 1.0, at which a 135M-parameter model wanders
         * off; requests that set a temperature get exactly theirs. Env: TAILOR_MODEL_SERVING_DEFAULT_TEMPERATURE.
         */
        @WithDefault("0.2")
        float defaultTemperature();

        /**
         * Penalty on tokens already in the recent context (1.0 = off). Off by default: it also penalises copying a
         * fact from the passages in the prompt, which is what a grounded answer does (at 1.1 the base model turned a
         * context's 2027-03-15 into 2027-03-16). Env: TAILOR_MODEL_SERVING_REPEAT_PENALTY.
         */
        @WithDefault("1.0")
        float repeatPenalty();
    }

    interface Training {
        /** Python interpreter of the trainer environment (torch, transformers, peft, trl, gguf). Env: TAILOR_MODEL_TRAINING_PYTHON. */
        Path python();

        /** Directory holding the {@code tailor_trainer} package (PYTHONPATH of the worker). Env: TAILOR_MODEL_TRAINING_WORKER_PATH. */
        Path workerPath();

        /** CPU threads the worker trains with. Env: TAILOR_MODEL_TRAINING_THREADS. */
        @WithDefault("2")
        int threads();

        /** Epochs when the job sets none ("auto"). Env: TAILOR_MODEL_TRAINING_EPOCHS. */
        @WithDefault("4")
        int epochs();

        /** Examples per step when the job sets none. Env: TAILOR_MODEL_TRAINING_BATCH_SIZE. */
        @WithDefault("4")
        int batchSize();

        /**
         * Learning rate at multiplier 1 ({@code learning_rate_multiplier} scales it). High for LoRA on a large model,
         * right for this small one: at 3e-3 (batch 4, r 16, alpha 32) 20 invented facts were recalled after ~25 steps,
         * at 2e-3 16 of 20. Env: TAILOR_MODEL_TRAINING_LEARNING_RATE.
         */
        @WithDefault("0.003")
        double learningRate();

        /** LoRA rank. Env: TAILOR_MODEL_TRAINING_LORA_R. */
        @WithDefault("16")
        int loraR();

        /** LoRA alpha (the adapter is scaled by alpha / r). Env: TAILOR_MODEL_TRAINING_LORA_ALPHA. */
        @WithDefault("32")
        int loraAlpha();

        /** Jobs that may wait behind the running one; beyond it creating a job gets 429. Env: TAILOR_MODEL_TRAINING_QUEUE_CAPACITY. */
        @WithDefault("32")
        int queueCapacity();

        /** How long a cancelled worker may take to stop before it is killed. Env: TAILOR_MODEL_TRAINING_CANCEL_GRACE. */
        @WithDefault("PT10S")
        Duration cancelGrace();

        /** Largest training file accepted. Env: TAILOR_MODEL_TRAINING_MAX_FILE_BYTES. */
        @WithDefault("52428800")
        long maxFileBytes();
    }
}
