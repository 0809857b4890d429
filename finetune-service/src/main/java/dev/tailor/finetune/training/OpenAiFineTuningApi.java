package dev.tailor.finetune.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;

import java.io.File;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The OpenAI fine-tuning API (model-service serves it locally; OpenAI and compatible providers in the cloud). Base URL
 * (including {@code /v1}) and key come from {@code tailor.finetune.provider.*}. Transient failures (I/O, 408, 429,
 * 5xx: {@link ProviderUnavailable}) are retried with exponential back-off; a rejected request
 * ({@link ProviderRejected}) fails at once with the provider's message, since repeating it only delays the failure.
 * A provider failing again and again opens the circuit: calls then fail fast until it has had time to recover.
 */
@RegisterRestClient(configKey = "training-provider")
@RegisterProvider(ProviderErrors.class)
@ClientHeaderParam(name = "Authorization", value = "{dev.tailor.finetune.training.ProviderKey.bearer}")
@Produces(MediaType.APPLICATION_JSON)
@Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200,
        retryOn = {ProviderUnavailable.class, jakarta.ws.rs.ProcessingException.class}, abortOn = ProviderRejected.class)
@io.smallrye.faulttolerance.api.ExponentialBackoff
@CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS,
        failOn = {ProviderUnavailable.class, jakarta.ws.rs.ProcessingException.class}, skipOn = ProviderRejected.class)
public interface OpenAiFineTuningApi {

    @POST
    @Path("/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Timeout(value = 5, unit = ChronoUnit.MINUTES)
    FileObject upload(@RestForm("purpose") String purpose,
                      @RestForm("file") @PartType(MediaType.APPLICATION_OCTET_STREAM) File file);

    @POST
    @Path("/fine_tuning/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    JobObject create(CreateJob request);

    @GET
    @Path("/fine_tuning/jobs/{id}")
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    JobObject job(@PathParam("id") String id);

    @GET
    @Path("/fine_tuning/jobs/{id}/events")
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    EventList events(@PathParam("id") String id, @QueryParam("limit") int limit);

    @POST
    @Path("/fine_tuning/jobs/{id}/cancel")
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    JobObject cancel(@PathParam("id") String id);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileObject(String id, String filename, String purpose) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateJob(@JsonProperty("training_file") String trainingFile,
                     @JsonProperty("validation_file") String validationFile, String model, String suffix,
                     Hyperparameters hyperparameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Hyperparameters(@JsonProperty("n_epochs") Integer epochs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobObject(String id, String status, @JsonProperty("fine_tuned_model") String fineTunedModel,
                     JobError error) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record JobError(String code, String message) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EventList(List<Event> data) {
    }

    /** {@code type: metrics} events carry the step's figures in {@code data} (step, total_steps, train_loss, ...). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(String id, String level, String message, @JsonProperty("created_at") long createdAt, String type,
                 JsonNode data) {
    }
}
