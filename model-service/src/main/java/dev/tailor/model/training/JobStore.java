package dev.tailor.model.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.model.config.ModelServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Fine-tuning jobs in the model store, one directory each: {@code job.json} (rewritten atomically on every
 * transition), {@code events.jsonl} (appended), {@code worker.log} (the worker's stderr) and {@code output/} (the
 * adapter and the metrics the worker writes). Read once at start, then kept in memory.
 */
@ApplicationScoped
public class JobStore {

    private static final Logger LOG = Logger.getLogger(JobStore.class);

    private final Path dir;
    private final ObjectMapper json;
    private final Map<String, FineTuningJob> jobs = new ConcurrentHashMap<>();

    JobStore(ModelServiceConfig config, ObjectMapper json) {
        this.dir = config.store().resolve("jobs");
        this.json = json;
        load();
    }

    private void load() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(dir)) {
            dirs.map(d -> d.resolve("job.json")).filter(Files::isRegularFile).forEach(file -> {
                try {
                    FineTuningJob job = json.readValue(file.toFile(), FineTuningJob.class);
                    jobs.put(job.id(), job);
                } catch (IOException e) {
                    LOG.warnf("skipping unreadable job record %s: %s", file, e.getMessage());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the jobs in " + dir, e);
        }
    }

    public FineTuningJob create(FineTuningJob job) {
        save(job);
        return job;
    }

    /** Applies a transition to the job's state and saves it; one transition at a time per store. */
    public synchronized FineTuningJob update(String id, UnaryOperator<JobState> transition) {
        FineTuningJob job = find(id).orElseThrow(() -> new IllegalStateException("no job " + id));
        FineTuningJob next = job.with(transition);
        save(next);
        return next;
    }

    private synchronized void save(FineTuningJob job) {
        try {
            Path jobDir = Files.createDirectories(jobDir(job.id()));
            Path tmp = jobDir.resolve("job.json.tmp");
            json.writeValue(tmp.toFile(), job);
            Files.move(tmp, jobDir.resolve("job.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            jobs.put(job.id(), job);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save job " + job.id(), e);
        }
    }

    public Optional<FineTuningJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Newest first. */
    public List<FineTuningJob> all() {
        return jobs.values().stream()
                .sorted(Comparator.comparingLong(FineTuningJob::createdAt).reversed().thenComparing(FineTuningJob::id,
                        Comparator.reverseOrder()))
                .toList();
    }

    public void addEvent(String id, JobEvent event) {
        try {
            Files.writeString(Files.createDirectories(jobDir(id)).resolve("events.jsonl"),
                    json.writeValueAsString(event) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warnf("could not record an event of job %s: %s", id, e.getMessage());
        }
    }

    /** Newest first, as OpenAI lists them. */
    public List<JobEvent> events(String id) {
        Path file = jobDir(id).resolve("events.jsonl");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<JobEvent> events = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    events.add(json.readValue(line, JobEvent.class));
                }
            }
            Collections.reverse(events);
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the events of job " + id, e);
        }
    }

    public Path jobDir(String id) {
        return dir.resolve(id);
    }

    /** Where the worker writes a job's adapter and metrics. */
    public Path outputDir(String id) {
        return jobDir(id).resolve("output");
    }

    public Path adapter(String id) {
        return outputDir(id).resolve("adapter.gguf");
    }
}
