package dev.tailor.finetune.training;

import dev.tailor.finetune.config.FinetuneConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** The fine-tuning provider, as the job runner sees it: OpenAI's API, statuses normalised. */
@ApplicationScoped
public class TrainingProvider {

    static final int EVENTS_PER_POLL = 100;

    private final OpenAiFineTuningApi api;
    private final FinetuneConfig config;

    TrainingProvider(@RestClient OpenAiFineTuningApi api, FinetuneConfig config) {
        this.api = api;
        this.config = config;
    }

    public String name() {
        return config.provider().name();
    }

    public String uploadTrainingFile(Path jsonl) {
        return api.upload("fine-tune", jsonl.toFile()).id();
    }

    public ProviderJob createJob(String trainingFileId, String baseModel, String suffix) {
        return map(api.create(new OpenAiFineTuningApi.CreateJob(trainingFileId, null, baseModel, suffix,
                config.provider().epochs().map(OpenAiFineTuningApi.Hyperparameters::new).orElse(null))));
    }

    public ProviderJob job(String jobId) {
        return map(api.job(jobId));
    }

    /** The job's recent events, oldest first. */
    public List<ProviderEvent> events(String jobId) {
        var list = api.events(jobId, EVENTS_PER_POLL);
        if (list == null || list.data() == null) {
            return List.of();
        }
        return list.data().stream()
                .sorted(Comparator.comparingLong(OpenAiFineTuningApi.Event::createdAt))
                .map(e -> new ProviderEvent(e.message(), e.type(), e.data()))
                .toList();
    }

    public ProviderJob cancel(String jobId) {
        return map(api.cancel(jobId));
    }

    private static ProviderJob map(OpenAiFineTuningApi.JobObject job) {
        return new ProviderJob(job.id(), ProviderJobStatus.fromOpenAi(job.status()), job.fineTunedModel(),
                job.error() == null ? null : job.error().message());
    }
}
