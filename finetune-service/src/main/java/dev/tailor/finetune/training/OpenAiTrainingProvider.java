package dev.tailor.finetune.training;

import dev.tailor.finetune.config.FinetuneConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The OpenAI-compatible fine-tuning provider. Transient failures (I/O, 408, 429, 5xx) are retried with exponential
 * back-off; anything else fails at once with the provider's message, because retrying a rejected request only
 * delays the clear failure.
 */
@ApplicationScoped
public class OpenAiTrainingProvider implements TrainingProvider {

    private static final Logger LOG = Logger.getLogger(OpenAiTrainingProvider.class);

    @Inject
    FinetuneConfig config;

    private OpenAiFineTuningApi api;
    private String authorization;

    @PostConstruct
    void init() {
        api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.provider().baseUrl())
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(120, TimeUnit.SECONDS)
                .build(OpenAiFineTuningApi.class);
        authorization = "Bearer " + config.provider().apiKey().orElse("");
    }

    @Override
    public String name() {
        return config.provider().name();
    }

    @Override
    public String uploadTrainingFile(Path jsonl) {
        return call("upload " + jsonl.getFileName(), () -> api.upload(authorization, "fine-tune", jsonl.toFile())).id();
    }

    @Override
    public ProviderJob createJob(String trainingFileId, String baseModel, String suffix) {
        return map(call("create job", () -> api.create(authorization,
                new OpenAiFineTuningApi.CreateJob(trainingFileId, baseModel, suffix))));
    }

    @Override
    public ProviderJob job(String jobId) {
        return map(call("get job " + jobId, () -> api.job(authorization, jobId)));
    }

    @Override
    public List<String> events(String jobId) {
        var list = call("events of " + jobId, () -> api.events(authorization, jobId, 20));
        if (list == null || list.data() == null) {
            return List.of();
        }
        return list.data().stream()
                .sorted(Comparator.comparingLong(OpenAiFineTuningApi.Event::createdAt))
                .map(OpenAiFineTuningApi.Event::message)
                .toList();
    }

    @Override
    public ProviderJob cancel(String jobId) {
        return map(call("cancel " + jobId, () -> api.cancel(authorization, jobId)));
    }

    private static ProviderJob map(OpenAiFineTuningApi.JobObject job) {
        return new ProviderJob(job.id(), ProviderJobStatus.fromOpenAi(job.status()), job.fineTunedModel(),
                job.error() == null ? null : job.error().message());
    }

    private <T> T call(String what, Supplier<T> request) {
        Duration backoff = config.provider().backoff();
        int attempts = Math.max(1, config.provider().attempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                boolean transientError = status == 408 || status == 429 || status >= 500;
                if (!transientError || attempt >= attempts) {
                    throw new TrainingProvider.ProviderException("provider " + what + " failed: HTTP " + status
                            + " " + body(e), status == 404, e);
                }
                LOG.warnf("provider %s: HTTP %d, attempt %d of %d", what, status, attempt, attempts);
            } catch (ProcessingException e) {
                if (attempt >= attempts) {
                    throw new TrainingProvider.ProviderException("provider " + what + " unreachable: " + e.getMessage(), false, e);
                }
                LOG.warnf("provider %s: %s, attempt %d of %d", what, e.getMessage(), attempt, attempts);
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private static String body(WebApplicationException e) {
        try {
            return e.getResponse().readEntity(String.class);
        } catch (RuntimeException ignored) {
            return "";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
