package dev.tailor.finetune.jobs;

import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job records, kept in memory and written through to the compacted jobs topic; replayed from it on startup, so
 * jobs and each group's last trained fingerprint survive restarts.
 */
@ApplicationScoped
public class JobStore {

    private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
    private TopicFollower follower;

    @Inject
    KafkaSupport kafka;

    @Inject
    FinetuneConfig config;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @jakarta.annotation.PostConstruct
    void start() {
        follower = kafka.follow(config.jobsTopic(), record -> {
            if (record.value() == null) {
                jobs.remove(record.key());
                return;
            }
            JobRecord job = read(record.value());
            // our own writes come back through the follower; never let a replayed older record win
            jobs.merge(job.id(), job, (mine, replayed) ->
                    replayed.updatedAt().isBefore(mine.updatedAt()) ? mine : replayed);
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
    }

    static JobRecord read(String json) {
        try {
            var tree = KafkaSupport.JSON.readTree(json);
            if (!tree.has("target") && tree.has("groupId")) {
                return KafkaSupport.JSON.treeToValue(tree, FirstReleaseJobRecord.class).upgraded();
            }
            return KafkaSupport.JSON.treeToValue(tree, JobRecord.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a job record: " + e.getMessage(), e);
        }
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean replayed() {
        return follower != null && follower.isCaughtUp();
    }

    /** Writes the record to the topic (durably) and to memory; counts runs that end ({@code tailor_finetune_runs_total}). */
    public JobRecord save(JobRecord job) {
        kafka.send(config.jobsTopic(), job.id(), job);
        JobRecord before = jobs.put(job.id(), job);
        if (job.status().terminal() && (before == null || !before.status().terminal())) {
            meters.counter("tailor_finetune_runs_total", "outcome", job.status().name().toLowerCase()).increment();
        }
        return job;
    }

    public Optional<JobRecord> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Newest first. */
    public List<JobRecord> all() {
        return jobs.values().stream().sorted(Comparator.comparing(JobRecord::createdAt).reversed()).toList();
    }

    public Optional<JobRecord> active(String groupId) {
        return jobs.values().stream().filter(j -> j.groupId().equals(groupId) && !j.status().terminal()).findFirst();
    }

    /** Runs that have not ended, oldest first. */
    public List<JobRecord> unfinished() {
        return jobs.values().stream().filter(j -> !j.status().terminal())
                .sorted(Comparator.comparing(JobRecord::createdAt)).toList();
    }

    /** The fingerprint of the group's latest run that produced a model, promoted or not. */
    public Optional<String> lastTrainedFingerprint(String groupId) {
        return jobs.values().stream()
                .filter(j -> j.groupId().equals(groupId) && j.status().trained())
                .max(Comparator.comparing(JobRecord::updatedAt))
                .map(j -> j.target().fingerprint());
    }
}
