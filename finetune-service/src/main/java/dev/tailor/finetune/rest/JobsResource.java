package dev.tailor.finetune.rest;

import dev.tailor.contracts.Roles;
import dev.tailor.finetune.jobs.JobRecord;
import dev.tailor.finetune.jobs.JobStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/jobs")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    @Inject
    JobStore jobs;

    @GET
    @Operation(summary = "Training runs, newest first, with status and provider progress; ?group= filters")
    public List<JobRecord> jobs(@QueryParam("group") String group) {
        return jobs.all().stream().filter(j -> group == null || j.groupId().equals(group)).toList();
    }

    @GET
    @Path("/{id}")
    public JobRecord job(@PathParam("id") String id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("no job " + id));
    }
}
