package dev.tailor.finetune.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.Roles;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.evaluation.EvaluationReport;
import dev.tailor.finetune.evaluation.EvaluationService;
import dev.tailor.finetune.evaluation.EvaluationStore;
import dev.tailor.finetune.evaluation.Strategy;
import dev.tailor.runtime.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * The evaluator's results: the latest evaluation of every group (what strategy=auto and the advisor use) and the runs
 * of this process with every answer; and a new run for a group.
 */
@Path("/api/v1/evaluations")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationsResource {

    private final EvaluationService evaluations;
    private final EvaluationStore store;
    private final CorpusTracker corpus;

    EvaluationsResource(EvaluationService evaluations, EvaluationStore store, CorpusTracker corpus) {
        this.evaluations = evaluations;
        this.store = store;
        this.corpus = corpus;
    }

    /** What to evaluate: a group, optionally some strategies and a cap on the questions per source. */
    public record Request(String group, List<String> strategies, Integer maxQuestions) {
    }

    /** The latest evaluation per group, and the runs (newest first; {@code outcomes} left out, see /{id}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listing(List<GroupEvaluation> latest, List<EvaluationReport> runs) {
    }

    @GET
    @Operation(summary = "The latest evaluation of every group and the recent runs")
    public Listing list() {
        return new Listing(store.latest(), store.runs().stream().map(r -> new EvaluationReport(r.id(), r.groupId(),
                r.roles(), r.fineTunedModel(), r.strategies(), r.status(), r.message(), r.done(), r.total(),
                r.startedAt(), r.finishedAt(), r.scores(), r.best(), List.of())).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run with every question's answer and score")
    public EvaluationReport run(@PathParam("id") String id) {
        return store.run(id).orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate a group: its gold questions and held-out pairs under extractive, rag, finetuned and "
            + "finetuned+rag (or the strategies given)", description = "202 with the run (status running); GET /{id} "
            + "follows it; 404 unknown group; 400 unknown strategy or nothing to evaluate")
    public Response start(Request request) {
        if (request == null || request.group() == null) {
            return Problem.of(Response.Status.BAD_REQUEST, "give the group to evaluate: {\"group\": \"g-engineering\"}")
                    .toResponse();
        }
        var group = corpus.groups().stream().filter(g -> g.id().equals(request.group())).findFirst();
        if (group.isEmpty()) {
            return Problem.of(Response.Status.NOT_FOUND, "no permission group " + request.group()
                    + "; GET /api/v1/groups lists them").toResponse();
        }
        List<Strategy> strategies = new ArrayList<>();
        for (String s : request.strategies() == null ? List.<String>of() : request.strategies()) {
            strategies.add(Strategy.of(s).orElseThrow(() -> new jakarta.ws.rs.BadRequestException(
                    "unknown strategy " + s + "; use extractive, rag, finetuned or finetuned+rag")));
        }
        try {
            return Response.accepted(evaluations.start(group.get(), strategies,
                    request.maxQuestions() == null ? 40 : Math.max(1, Math.min(200, request.maxQuestions())))).build();
        } catch (IllegalArgumentException e) {
            return Problem.of(Response.Status.BAD_REQUEST, e.getMessage()).toResponse();
        }
    }
}
