package dev.tailor.finetune.rest;

import dev.tailor.contracts.Roles;
import dev.tailor.finetune.jobs.JobRecord;
import dev.tailor.finetune.jobs.JobRunner;
import dev.tailor.finetune.jobs.JobStore;
import dev.tailor.runtime.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/jobs")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private final JobStore jobs;
    private final JobRunner runner;

    JobsResource(JobStore jobs, JobRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    @GET
    @Operation(summary = "Training runs, newest first: status, dataset progress, the provider's progress and loss curve,"
            + " the gate's evaluation; ?group= filters")
    public List<JobRecord> jobs(@QueryParam("group") String group) {
        return jobs.all().stream().filter(j -> group == null || j.groupId().equals(group)).toList();
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a run being prepared, queued or trained (at the provider too)",
            description = "200 with the cancelled job; 404 unknown job; 409 when the run is being evaluated or has ended")
    public Response cancel(@PathParam("id") String id) {
        try {
            return Response.ok(runner.cancel(id)).build();
        } catch (java.util.NoSuchElementException e) {
            throw new NotFoundException(e.getMessage());
        } catch (IllegalStateException e) {
            return Problem.of(Response.Status.CONFLICT, e.getMessage()).with("job", jobs.find(id).orElse(null)).toResponse();
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One training run")
    public JobRecord job(@PathParam("id") String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
    }
}
