package dev.tailor.finetune.jobs;

import dev.tailor.finetune.evaluation.HeldOutPairs;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/** The dataset of a group's latest run that trained a model (promoted or not): its held-out pairs are evaluated. */
@ApplicationScoped
public class TrainedDatasets implements HeldOutPairs {

    private final JobStore jobs;

    TrainedDatasets(JobStore jobs) {
        this.jobs = jobs;
    }

    @Override
    public Optional<Path> latestDatasetOf(String groupId) {
        return jobs.all().stream()
                .filter(j -> j.groupId().equals(groupId) && j.status().trained() && j.dataset().dir() != null)
                .max(Comparator.comparing(JobRecord::updatedAt))
                .map(j -> Path.of(j.dataset().dir()));
    }
}
