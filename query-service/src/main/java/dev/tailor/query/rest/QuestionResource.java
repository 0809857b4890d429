package dev.tailor.query.rest;

import dev.tailor.query.answering.Conversation;
import dev.tailor.query.answering.QuestionAnswering;
import dev.tailor.query.chat.Generation;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.query.rest.dto.AskRequest;
import dev.tailor.query.rest.dto.AskResponse;
import dev.tailor.query.rest.dto.SearchRequest;
import dev.tailor.query.rest.dto.SearchResponse;
import dev.tailor.query.rest.dto.SearchResult;
import dev.tailor.query.routing.Strategy;
import dev.tailor.query.routing.StrategyRouter;
import dev.tailor.query.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search and ask under the caller's roles: the API clients call. */
@Path("/api/v1")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "SecurityScheme")
public class QuestionResource {

    private final QuestionAnswering answering;
    private final StrategyRouter router;
    private final CurrentUser user;
    private final QueryConfig config;

    QuestionResource(QuestionAnswering answering, StrategyRouter router, CurrentUser user, QueryConfig config) {
        this.answering = answering;
        this.router = router;
        this.user = user;
        this.config = config;
    }

    @POST
    @Path("/search")
    @Tag(name = "search")
    @Operation(summary = "Hybrid search over the passages you may read",
            description = "BM25 + vector search, filtered inside the database by the roles of your token.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "search",
            value = "{\"query\": \"on-call pager rotation\", \"topK\": 5}")))
    @APIResponse(responseCode = "200", description = "Best passages first")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "503", description = "The index is unavailable or built by another embedding model")
    public SearchResponse search(@Valid @NotNull(message = "a JSON body is required") SearchRequest request) {
        int topK = request.topK() == null ? config.retrieval().defaultTopK() : request.topK();
        return new SearchResponse(answering.search(request.query(), topK, user.roles()).stream()
                .map(SearchResult::of).toList());
    }

    @POST
    @Path("/ask")
    @Tag(name = "ask")
    @Operation(summary = "Answer a question from the passages you may read, with citations")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "rag", value = "{\"question\": \"How often does the on-call pager rotate?\", \"topK\": 5, \"strategy\": \"rag\"}"),
            @ExampleObject(name = "auto", value = "{\"question\": \"What is the travel expense limit?\", \"strategy\": \"auto\"}")}))
    @APIResponse(responseCode = "200", description = "The answer; model is extractive when no chat model is configured")
    @APIResponse(responseCode = "400", description = "Invalid request")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "409", description = "strategy finetuned or finetuned+rag, but no fine-tuned model may answer you")
    @APIResponse(responseCode = "503", description = "The index or the chat model is unavailable")
    public AskResponse ask(@Valid @NotNull(message = "a JSON body is required") AskRequest request) {
        int topK = request.topK() == null ? config.retrieval().defaultTopK() : request.topK();
        Strategy strategy = request.strategy() == null ? Strategy.RAG
                : Strategy.fromWire(request.strategy()).orElseThrow(); // validated by @Pattern
        // Route first: a fine-tuned strategy nobody may serve fails fast, before any retrieval.
        var route = router.route(strategy, user.roles());
        return AskResponse.of(answering.ask(Conversation.of(request.question()), route, topK, user.roles(),
                Generation.defaults(), "ask"));
    }
}
