package dev.tailor.model.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.model.config.ModelServiceConfig;
import dev.tailor.model.files.FileStore;
import dev.tailor.model.files.StoredFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs fine-tuning jobs one at a time, each in a worker process it supervises: a worker that fails, is killed or
 * runs out of memory fails its job with the reason and leaves the service as it was. Jobs are checked when they
 * are created, wait in order, and are cancelled by stopping their worker. A job that was running when the service
 * stopped is failed at the next start (its worker died with it); queued jobs wait again.
 */
@ApplicationScoped
public class TrainingRunner {

    private static final Logger LOG = Logger.getLogger(TrainingRunner.class);

    private final JobStore jobs;
    private final FileStore files;
    private final ModelServiceConfig config;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(r -> new Thread(r, "training"));
    /** The job whose worker runs now, if any. */
    private final AtomicReference<Running> running = new AtomicReference<>();

    TrainingRunner(JobStore jobs, FileStore files, ModelServiceConfig config, ObjectMapper json, MeterRegistry meters) {
        this.jobs = jobs;
        this.files = files;
        this.config = config;
        this.json = json;
        this.meters = meters;
    }

    void recover(@Observes StartupEvent event) {
        long now = now();
        for (FineTuningJob job : jobs.all()) {
            JobStatus status = job.state().status();
            if (status == JobStatus.RUNNING || status == JobStatus.VALIDATING_FILES) {
                jobs.update(job.id(), s -> s.failed(JobState.JobError.of("service_restarted",
                        "model-service stopped while this job was " + status.wireName() + "; create a new job"), now));
                jobs.addEvent(job.id(), JobEvent.message("error", "The job failed: model-service stopped while it ran"));
            }
        }
        jobs.all().stream().filter(j -> j.state().status() == JobStatus.QUEUED)
                .sorted(Comparator.comparingLong(FineTuningJob::createdAt))
                .forEach(j -> trainer.execute(() -> train(j.id())));
    }

    void stop(@Observes ShutdownEvent event) {
        trainer.shutdownNow();
        Running current = running.get();
        if (current != null) {
            current.worker.stop(java.time.Duration.ofSeconds(2));
        }
    }

    /** Creates a job for a validated spec: its files are checked now, then it waits for the trainer. */
    public FineTuningJob create(JobSpec spec) {
        long waiting = jobs.all().stream().filter(j -> !j.state().status().terminal()).count();
        if (waiting > config.training().queueCapacity()) {
            throw new TrainingQueueFullException((int) waiting);
        }
        Path trainFile = fineTuneFile(spec.trainingFile(), "training_file");
        Path validationFile = spec.validationFile() == null ? null : fineTuneFile(spec.validationFile(), "validation_file");
        String id = "ftjob-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        FineTuningJob job = jobs.create(new FineTuningJob(id, now(), spec, JobState.validating()));
        jobs.addEvent(id, JobEvent.message("info", "Validating training file: " + spec.trainingFile()
                + (validationFile == null ? "" : " and validation file: " + spec.validationFile())));
        Optional<String> problem = TrainingFileCheck.problem(trainFile, json)
                .map(p -> "training file " + spec.trainingFile() + ", " + p)
                .or(() -> Optional.ofNullable(validationFile).flatMap(f -> TrainingFileCheck.problem(f, json))
                        .map(p -> "validation file " + spec.validationFile() + ", " + p));
        if (problem.isPresent()) {
            jobs.addEvent(id, JobEvent.message("error", "The job failed: " + problem.get()));
            count("failed");
            return jobs.update(id, s -> s.failed(JobState.JobError.of("invalid_training_file", problem.get()), now()));
        }
        jobs.addEvent(id, JobEvent.message("info", "Files validated, moving job to queued state"));
        job = jobs.update(id, JobState::queued);
        trainer.execute(() -> train(id));
        return job;
    }

    /** Cancels a job that has not ended; a running worker is asked to stop and killed if it does not. */
    public FineTuningJob cancel(String id) {
        FineTuningJob job = jobs.find(id).orElseThrow(() -> new UnknownJobException(id));
        if (job.state().status().terminal()) {
            throw new InvalidJobException(null, "Job " + id + " has already " + job.state().status().wireName()
                    + " and cannot be cancelled.");
        }
        FineTuningJob cancelled = jobs.update(id, s -> s.cancelled(now()));
        jobs.addEvent(id, JobEvent.message("info", "Job cancelled"));
        Running current = running.get();
        if (current != null && current.jobId.equals(id)) {
            current.worker.stopAsync(config.training().cancelGrace());
        }
        count("cancelled");
        return cancelled;
    }

    private Path fineTuneFile(String fileId, String param) {
        StoredFile file = files.find(fileId).orElseThrow(() -> new InvalidJobException(param,
                "invalid file id '" + fileId + "': no such file"));
        if (!StoredFile.FINE_TUNE.equals(file.purpose())) {
            throw new InvalidJobException(param, "file " + fileId + " has purpose '" + file.purpose()
                    + "'; upload it with purpose 'fine-tune'");
        }
        return files.content(file);
    }

    private void train(String id) {
        FineTuningJob job = jobs.update(id, JobState::running);
        if (job.state().status() != JobStatus.RUNNING) {
            return; // cancelled while it waited
        }
        Path output = jobs.outputDir(id);
        try {
            Files.createDirectories(output);
            Files.deleteIfExists(jobs.adapter(id));
        } catch (IOException e) {
            fail(id, "store_unwritable", "could not prepare " + output + ": " + e.getMessage());
            return;
        }
        Path validation = job.spec().validationFile() == null ? null
                : files.find(job.spec().validationFile()).map(files::content).orElse(null);
        Path trainFile = files.find(job.spec().trainingFile()).map(files::content).orElse(null);
        if (trainFile == null) {
            fail(id, "invalid_training_file", "the training file " + job.spec().trainingFile() + " was deleted");
            return;
        }
        jobs.addEvent(id, JobEvent.message("info", "Fine-tuning job started"));
        WorkerProcess worker;
        try {
            worker = WorkerProcess.start(WorkerCommand.of(config, job.spec(), trainFile, validation, output),
                    jobs.jobDir(id).resolve("worker.log"));
        } catch (UncheckedIOException e) {
            fail(id, "trainer_unavailable", e.getMessage() + "; set TAILOR_MODEL_TRAINING_PYTHON (./dev/up installs it)");
            return;
        }
        running.set(new Running(id, worker));
        WorkerReport report = new WorkerReport();
        try {
            int exit = worker.awaitExit(json, event -> onEvent(id, event, report));
            finish(id, exit, report, worker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.stopAsync(java.time.Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.warnf(e, "job %s: supervising the worker failed", id);
            worker.stopAsync(config.training().cancelGrace());
            fail(id, "internal_error", "supervising the training worker failed: " + e.getMessage());
        } finally {
            running.set(null);
        }
    }

    /** What the worker said that the end of the job needs. */
    private static final class WorkerReport {
        long trainedTokens;
        String failure;
        boolean succeeded;
    }

    private void onEvent(String id, JsonNode event, WorkerReport report) {
        switch (event.path("event").asText()) {
            case "started" -> jobs.addEvent(id, JobEvent.message("info", String.format(Locale.ROOT,
                    "Training started: %d examples, %d epochs, %d steps", event.path("examples").asInt(),
                    event.path("epochs").asInt(), event.path("total_steps").asInt())));
            case "step" -> {
                report.trainedTokens = event.path("trained_tokens").asLong(report.trainedTokens);
                long finish = now() + Math.round(event.path("eta_seconds").asDouble(0));
                jobs.update(id, s -> s.progress(report.trainedTokens, finish));
                jobs.addEvent(id, JobEvent.metrics(String.format(Locale.ROOT, "Step %d/%d: training loss=%.4f",
                        event.path("step").asInt(), event.path("total_steps").asInt(),
                        event.path("train_loss").asDouble()), figures(event)));
            }
            case "eval" -> jobs.addEvent(id, JobEvent.metrics(String.format(Locale.ROOT,
                    "Step %d: validation loss=%.4f", event.path("step").asInt(), event.path("eval_loss").asDouble()),
                    figures(event)));
            case "exported" -> jobs.addEvent(id, JobEvent.message("info",
                    "Adapter exported (" + event.path("bytes").asLong() + " bytes)"));
            case "succeeded" -> {
                report.trainedTokens = event.path("trained_tokens").asLong(report.trainedTokens);
                report.succeeded = true;
            }
            case "failed" -> report.failure = event.path("message").asText("the worker failed");
            default -> LOG.debugf("job %s: unknown worker event %s", id, event);
        }
    }

    private static Map<String, Object> figures(JsonNode event) {
        Map<String, Object> data = new LinkedHashMap<>();
        event.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("event") && f.getValue().isNumber()) {
                data.put(f.getKey(), f.getValue().numberValue());
            }
        });
        return data;
    }

    private void finish(String id, int exit, WorkerReport report, WorkerProcess worker) {
        if (jobs.find(id).map(j -> j.state().status() == JobStatus.CANCELLED).orElse(false)) {
            LOG.infof("job %s: worker %d stopped after the cancel (%s)", id, worker.pid(), WorkerProcess.describeExit(exit));
            return;
        }
        Path adapter = jobs.adapter(id);
        if (exit == 0 && report.succeeded && Files.isRegularFile(adapter)) {
            StoredFile metrics = files.copy(jobs.outputDir(id).resolve("metrics.csv"), "step_metrics.csv",
                    StoredFile.FINE_TUNE_RESULTS);
            FineTuningJob job = jobs.find(id).orElseThrow();
            String model = fineTunedModelId(job);
            jobs.update(id, s -> s.succeeded(model, List.of(metrics.id()), report.trainedTokens, now()));
            jobs.addEvent(id, JobEvent.message("info", "New fine-tuned model created: " + model));
            jobs.addEvent(id, JobEvent.message("info", "The job has successfully completed"));
            count("succeeded");
            return;
        }
        if (exit == 2) {
            fail(id, "invalid_training_file", report.failure == null ? "the worker rejected the training file" : report.failure);
        } else if (report.failure != null) {
            fail(id, "training_failed", report.failure);
        } else {
            String words = worker.lastWords();
            fail(id, "worker_died", "the training worker " + WorkerProcess.describeExit(exit)
                    + (words.isEmpty() ? "" : "; its last output: " + words));
        }
    }

    /** {@code ft:<base>:<suffix>:<job>}: the base says what it is, the suffix whose it is, the job where it came from. */
    static String fineTunedModelId(FineTuningJob job) {
        return "ft:" + job.spec().model() + ":" + (job.spec().suffix() == null ? "" : job.spec().suffix()) + ":" + job.id();
    }

    private void fail(String id, String code, String message) {
        jobs.update(id, s -> s.failed(JobState.JobError.of(code, message), now()));
        jobs.addEvent(id, JobEvent.message("error", "The job failed: " + message));
        count("failed");
    }

    private void count(String outcome) {
        meters.counter("tailor_model_fine_tuning_jobs_total", "outcome", outcome).increment();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private record Running(String jobId, WorkerProcess worker) {
    }
}
