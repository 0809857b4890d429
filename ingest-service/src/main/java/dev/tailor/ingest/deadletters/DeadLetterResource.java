package dev.tailor.ingest.deadletters;

import dev.tailor.contracts.Roles;
import dev.tailor.runtime.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;
import java.util.Optional;

/** Administrators see what was dead-lettered and why, and replay records once the cause is fixed. */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class DeadLetterResource {

    static final int MAX_LIMIT = 1000;
    static final int MAX_REPLAY = 1000;

    private final DeadLetters deadLetters;

    DeadLetterResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Operation(summary = "Dead-lettered records with their reason, kind, limit and origin: the last `limit` of each "
            + "DLQ partition, or those from `offset` on; only those of document `key` if given")
    @APIResponse(responseCode = "200", description = "oldest first")
    public Response list(@QueryParam("offset") Long offset, @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("key") String key) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Problem.of(Response.Status.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT).toResponse();
        }
        return Response.ok(deadLetters.list(Optional.ofNullable(offset), limit, Optional.ofNullable(key))).build();
    }

    /** Which DLQ records to replay, by their position in the DLQ (as listed). */
    public record ReplayRequest(List<DeadLetters.Ref> records) {
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Republish the chosen dead-lettered records to docs.changes as they were first published "
            + "(after a fix: a raised limit, a corrected producer); each result says where it went or why not")
    @APIResponse(responseCode = "200", description = "one result per requested record, in order")
    public Response replay(ReplayRequest request) {
        if (request == null || request.records() == null || request.records().isEmpty()) {
            return Problem.of(Response.Status.BAD_REQUEST, "records must list at least one {partition, offset}").toResponse();
        }
        if (request.records().size() > MAX_REPLAY) {
            return Problem.of(Response.Status.BAD_REQUEST, "at most " + MAX_REPLAY + " records per request").toResponse();
        }
        return Response.ok(deadLetters.replay(request.records())).build();
    }
}
