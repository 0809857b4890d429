package dev.tailor.model.serving;

import dev.tailor.model.config.ModelServiceConfig;
import dev.tailor.model.training.FineTuningJob;
import dev.tailor.model.training.JobStatus;
import dev.tailor.model.training.JobStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The models this service answers as: the base, and every fine-tuned model whose job succeeded (base + adapter). */
@ApplicationScoped
public class ModelCatalog {

    /** The base has no creation time of its own; a fixed one keeps the list stable. */
    static final long BASE_CREATED = 1_730_419_200L;

    private final ModelServiceConfig config;
    private final JobStore jobs;

    ModelCatalog(ModelServiceConfig config, JobStore jobs) {
        this.config = config;
        this.jobs = jobs;
    }

    public ServedModel base() {
        return new ServedModel(config.base().id(), Optional.empty(), BASE_CREATED);
    }

    /** The base first, then fine-tuned models, newest first. */
    public List<ServedModel> all() {
        List<ServedModel> models = new ArrayList<>();
        models.add(base());
        jobs.all().stream().map(this::fineTuned).flatMap(Optional::stream).forEach(models::add);
        return models;
    }

    public Optional<ServedModel> find(String id) {
        if (config.base().id().equals(id)) {
            return Optional.of(base());
        }
        return jobs.all().stream().filter(j -> id.equals(j.state().fineTunedModel())).findFirst().flatMap(this::fineTuned);
    }

    public ServedModel resolve(String id) {
        return find(id).orElseThrow(() -> new UnknownModelException(id));
    }

    private Optional<ServedModel> fineTuned(FineTuningJob job) {
        if (job.state().status() != JobStatus.SUCCEEDED || job.state().fineTunedModel() == null) {
            return Optional.empty();
        }
        var adapter = jobs.adapter(job.id());
        if (!Files.isRegularFile(adapter)) {
            return Optional.empty();
        }
        long created = job.state().finishedAt() == null ? job.createdAt() : job.state().finishedAt();
        return Optional.of(new ServedModel(job.state().fineTunedModel(), Optional.of(adapter), created));
    }
}
