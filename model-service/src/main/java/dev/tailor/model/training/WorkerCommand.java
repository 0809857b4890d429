package dev.tailor.model.training;

import dev.tailor.model.config.ModelServiceConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line and environment of one training worker ({@code python -m tailor_trainer.train}; its module
 * docstring is the contract). The worker runs offline: everything it loads is local.
 */
record WorkerCommand(List<String> command, Map<String, String> environment) {

    static WorkerCommand of(ModelServiceConfig config, JobSpec spec, Path trainFile, Path validationFile, Path outputDir) {
        var training = config.training();
        var hp = spec.hyperparameters();
        List<String> command = new ArrayList<>(List.of(
                training.python().toString(), "-m", "tailor_trainer.train",
                "--base-gguf", config.base().gguf().toString(),
                "--train-file", trainFile.toString(),
                "--output-dir", outputDir.toString(),
                "--epochs", String.valueOf(hp.epochs()),
                "--batch-size", String.valueOf(hp.batchSize()),
                "--learning-rate", String.format(Locale.ROOT, "%.8f", training.learningRate() * hp.learningRateMultiplier()),
                "--lora-r", String.valueOf(training.loraR()),
                "--lora-alpha", String.valueOf(training.loraAlpha()),
                "--seed", String.valueOf(spec.seed()),
                "--threads", String.valueOf(training.threads())));
        if (validationFile != null) {
            command.addAll(List.of("--validation-file", validationFile.toString()));
        }
        String threads = String.valueOf(training.threads());
        Map<String, String> environment = Map.of(
                "PYTHONPATH", training.workerPath().toString(),
                "PYTHONUNBUFFERED", "1",
                "HF_HUB_OFFLINE", "1",
                "TRANSFORMERS_OFFLINE", "1",
                "TOKENIZERS_PARALLELISM", "false",
                "OMP_NUM_THREADS", threads,
                "MKL_NUM_THREADS", threads);
        return new WorkerCommand(List.copyOf(command), environment);
    }
}
