package dev.tailor.finetune.jobs;

import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.kafka.CompactedStates;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.runtime.kafka.CompactedTopicState;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Job records, kept in memory and written through to the compacted jobs topic; replayed from it on startup, so
 * jobs and each group's last trained fingerprint survive restarts.
 */
@ApplicationScoped
public class JobStore {

    private final KafkaSupport kafka;
    private final FinetuneConfig config;
    private final MeterRegistry meters;
    private final CompactedTopicState<JobRecord> jobs;

    JobStore(KafkaSupport kafka, CompactedStates states, FinetuneConfig config, MeterRegistry meters) {
        this.kafka = kafka;
        this.config = config;
        this.meters = meters;
        // our own writes come back through the follower; never let a replayed older record win
        this.jobs = states.follow(config.jobsTopic(), JobStore::read, Comparator.comparing(JobRecord::updatedAt));
    }

    void stop(@Observes ShutdownEvent event) {
        jobs.close();
    }

    /** A job record as written, or as the first release wrote it (upgraded). */
    static JobRecord read(byte[] value) throws IOException {
        var tree = KafkaSupport.JSON.readTree(value);
        if (!tree.has("target") && tree.has("groupId")) {
            return KafkaSupport.JSON.treeToValue(tree, FirstReleaseJobRecord.class).upgraded();
        }
        return KafkaSupport.JSON.treeToValue(tree, JobRecord.class);
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        return jobs.awaitReplayed(timeout);
    }

    public boolean replayed() {
        return jobs.replayed();
    }

    /** Writes the record to the topic (durably) and to memory; counts runs that end ({@code tailor_finetune_runs_total}). */
    public JobRecord save(JobRecord job) {
        kafka.send(config.jobsTopic(), job.id(), job);
        Optional<JobRecord> before = jobs.put(job.id(), job);
        if (job.status().terminal() && before.map(b -> !b.status().terminal()).orElse(true)) {
            meters.counter("tailor_finetune_runs_total", "outcome", job.status().name().toLowerCase()).increment();
        }
        return job;
    }

    public Optional<JobRecord> find(String id) {
        return jobs.get(id);
    }

    /** Newest first. */
    public List<JobRecord> all() {
        return jobs.values().values().stream().sorted(Comparator.comparing(JobRecord::createdAt).reversed()).toList();
    }

    public Optional<JobRecord> active(String groupId) {
        return jobs.values().values().stream().filter(j -> j.groupId().equals(groupId) && !j.status().terminal()).findFirst();
    }

    /** Runs that have not ended, oldest first. */
    public List<JobRecord> unfinished() {
        return jobs.values().values().stream().filter(j -> !j.status().terminal())
                .sorted(Comparator.comparing(JobRecord::createdAt)).toList();
    }

    /** The group's latest run that ended, when it failed. */
    public Optional<JobRecord> lastFailure(String groupId) {
        return jobs.values().values().stream()
                .filter(j -> j.groupId().equals(groupId) && j.status().terminal())
                .max(Comparator.comparing(JobRecord::updatedAt))
                .filter(j -> j.status() == JobStatus.FAILED);
    }

    /** The fingerprint of the group's latest run that produced a model, promoted or not. */
    public Optional<String> lastTrainedFingerprint(String groupId) {
        return jobs.values().values().stream()
                .filter(j -> j.groupId().equals(groupId) && j.status().trained())
                .max(Comparator.comparing(JobRecord::updatedAt))
                .map(j -> j.target().fingerprint());
    }
}
