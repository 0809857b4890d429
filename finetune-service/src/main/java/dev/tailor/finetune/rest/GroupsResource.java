package dev.tailor.finetune.rest;

import dev.tailor.contracts.Roles;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.jobs.JobRecord;
import dev.tailor.finetune.jobs.JobStore;
import dev.tailor.finetune.registry.ModelRegistry;
import dev.tailor.finetune.schedule.TrainingTrigger;
import dev.tailor.finetune.schedule.TrainingTrigger.Outcome;
import dev.tailor.runtime.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/groups")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {

    private final CorpusTracker corpus;
    private final JobStore jobs;
    private final ModelRegistry registry;
    private final TrainingTrigger trigger;

    GroupsResource(CorpusTracker corpus, JobStore jobs, ModelRegistry registry, TrainingTrigger trigger) {
        this.corpus = corpus;
        this.jobs = jobs;
        this.registry = registry;
        this.trigger = trigger;
    }

    @GET
    @Operation(summary = "Permission groups with their corpus size, stability and training eligibility")
    public List<GroupView> groups() {
        return corpus.corpora().stream()
                .map(c -> GroupView.of(c, jobs.lastTrainedFingerprint(c.group().id()).orElse(null),
                        trigger.eligibility(c, false),
                        jobs.active(c.group().id()).map(JobRecord::id).orElse(null),
                        registry.current(c.group().id()).orElse(null)))
                .toList();
    }

    @POST
    @Path("/{id}/train")
    @Operation(summary = "Start a training run for the group",
            description = "202 with the job; 404 unknown group; 409 a run is in progress; 422 not eligible, with the "
                    + "reasons. force=true waives the quiet period and the unchanged-fingerprint rule, never the "
                    + "minimum number of examples.")
    public Response train(@PathParam("id") String id, @QueryParam("force") @DefaultValue("false") boolean force) {
        Outcome outcome = trigger.train(id, force);
        if (outcome instanceof Outcome.Started s) {
            return Response.accepted(s.job()).build();
        }
        if (outcome instanceof Outcome.UnknownGroup u) {
            return Problem.of(Response.Status.NOT_FOUND, "no permission group " + u.groupId()
                    + "; GET /api/v1/groups lists them").toResponse();
        }
        if (outcome instanceof Outcome.AlreadyRunning a) {
            return Problem.of(Response.Status.CONFLICT, "group " + id + " already has a run in progress")
                    .with("job", a.job()).toResponse();
        }
        Outcome.NotEligible n = (Outcome.NotEligible) outcome;
        return Problem.of(422, "group " + id + " is not eligible for training")
                .with("reasons", n.reasons()).toResponse();
    }
}
