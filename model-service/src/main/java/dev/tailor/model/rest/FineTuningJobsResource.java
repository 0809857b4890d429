package dev.tailor.model.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailor.model.config.ModelServiceConfig;
import dev.tailor.model.training.JobEvent;
import dev.tailor.model.training.JobSpec;
import dev.tailor.model.training.JobStore;
import dev.tailor.model.training.TrainingRunner;
import dev.tailor.model.training.UnknownJobException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.regex.Pattern;

/**
 * {@code /v1/fine_tuning/jobs}: create, list, get, events, cancel — OpenAI's shapes and status names. Training runs
 * in a supervised worker (see {@link TrainingRunner}); the result is {@code ft:<base>:<suffix>:<job>}.
 */
@Path("/v1/fine_tuning/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fine-tuning")
public class FineTuningJobsResource {

    static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final TrainingRunner runner;
    private final JobStore jobs;
    private final ModelServiceConfig config;

    FineTuningJobsResource(TrainingRunner runner, JobStore jobs, ModelServiceConfig config) {
        this.runner = runner;
        this.jobs = jobs;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a fine-tuning job (LoRA on the base model)")
    public FineTuningJobObject create(FineTuningJobRequest request) {
        if (request == null) {
            throw new InvalidRequestException(null, "a JSON body is required");
        }
        if (request.model() == null || !request.model().equals(config.base().id())) {
            throw new InvalidRequestException("model", "model '" + request.model() + "' cannot be fine-tuned here; use "
                    + config.base().id());
        }
        if (request.trainingFile() == null || request.trainingFile().isBlank()) {
            throw new InvalidRequestException("training_file", "training_file is required");
        }
        if (request.suffix() != null && !SUFFIX.matcher(request.suffix()).matches()) {
            throw new InvalidRequestException("suffix", "suffix must be 1 to 40 letters, digits, '-' or '_'");
        }
        JobSpec spec = new JobSpec(request.model(), request.trainingFile(), request.validationFile(), request.suffix(),
                hyperparameters(request.effectiveHyperparameters()), request.seed() == null ? 42 : request.seed());
        return FineTuningJobObject.of(runner.create(spec));
    }

    @GET
    @Operation(summary = "Fine-tuning jobs, newest first")
    public ListPage<FineTuningJobObject> list(@QueryParam("after") String after,
                                              @QueryParam("limit") @DefaultValue("20") int limit) {
        return ListPage.page(jobs.all().stream().map(FineTuningJobObject::of).toList(), FineTuningJobObject::id, after, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One fine-tuning job")
    public FineTuningJobObject get(@PathParam("id") String id) {
        return jobs.find(id).map(FineTuningJobObject::of).orElseThrow(() -> new UnknownJobException(id));
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "A job's events, newest first: progress (step, loss, ETA) and state changes")
    public ListPage<JobEvent> events(@PathParam("id") String id, @QueryParam("after") String after,
                                     @QueryParam("limit") @DefaultValue("20") int limit) {
        jobs.find(id).orElseThrow(() -> new UnknownJobException(id));
        return ListPage.page(jobs.events(id), JobEvent::id, after, limit);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a job that has not ended; a running worker is stopped")
    public FineTuningJobObject cancel(@PathParam("id") String id) {
        return FineTuningJobObject.of(runner.cancel(id));
    }

    private JobSpec.Hyperparameters hyperparameters(JsonNode given) {
        var training = config.training();
        int epochs = positiveInt(given, "n_epochs", training.epochs(), 50);
        int batch = positiveInt(given, "batch_size", training.batchSize(), 64);
        double multiplier = 1.0;
        JsonNode lr = given == null ? null : given.get("learning_rate_multiplier");
        if (lr != null && !lr.isNull() && !"auto".equals(lr.asText())) {
            if (!lr.isNumber() || lr.asDouble() <= 0 || lr.asDouble() > 50) {
                throw new InvalidRequestException("hyperparameters.learning_rate_multiplier",
                        "learning_rate_multiplier must be a number in (0, 50] or \"auto\"");
            }
            multiplier = lr.asDouble();
        }
        return new JobSpec.Hyperparameters(epochs, batch, multiplier);
    }

    private static int positiveInt(JsonNode given, String name, int auto, int max) {
        JsonNode value = given == null ? null : given.get(name);
        if (value == null || value.isNull() || "auto".equals(value.asText())) {
            return auto;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > max) {
            throw new InvalidRequestException("hyperparameters." + name, name + " must be an integer from 1 to " + max
                    + " or \"auto\"");
        }
        return value.asInt();
    }
}
