package dev.tailor.finetune.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;

import java.io.File;
import java.util.List;

/** The OpenAI fine-tuning API (also served by compatible providers); paths are relative to the base URL incl. /v1. */
@Produces(MediaType.APPLICATION_JSON)
public interface OpenAiFineTuningApi {

    @POST
    @Path("/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    FileObject upload(@HeaderParam("Authorization") String authorization,
                      @RestForm("purpose") String purpose,
                      @RestForm("file") @PartType(MediaType.APPLICATION_OCTET_STREAM) File file);

    @POST
    @Path("/fine_tuning/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    JobObject create(@HeaderParam("Authorization") String authorization, CreateJob request);

    @GET
    @Path("/fine_tuning/jobs/{id}")
    JobObject job(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @GET
    @Path("/fine_tuning/jobs/{id}/events")
    EventList events(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
                     @QueryParam("limit") int limit);

    @POST
    @Path("/fine_tuning/jobs/{id}/cancel")
    JobObject cancel(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileObject(String id, String filename, String purpose) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreateJob(@JsonProperty("training_file") String trainingFile, String model, String suffix) {
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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(String id, String level, String message, @JsonProperty("created_at") long createdAt) {
    }
}
