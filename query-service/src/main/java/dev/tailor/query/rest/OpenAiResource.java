package dev.tailor.query.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.query.answering.Answer;
import dev.tailor.query.answering.AnswerEvent;
import dev.tailor.query.answering.Conversation;
import dev.tailor.query.answering.QuestionAnswering;
import dev.tailor.query.chat.ChatUnavailableException;
import dev.tailor.query.chat.Generation;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.query.rest.dto.Citation;
import dev.tailor.query.rest.openai.ChatCompletion;
import dev.tailor.query.rest.openai.ChatCompletionRequest;
import dev.tailor.query.rest.openai.ModelList;
import dev.tailor.query.rest.openai.OpenAiError;
import dev.tailor.query.rest.openai.TailorModels;
import dev.tailor.query.routing.Route;
import dev.tailor.query.routing.StrategyRouter;
import dev.tailor.query.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * OpenAI-compatible endpoints, so that any OpenAI client, gateway or chat UI can use Tailor. The model name picks the
 * strategy (or a fine-tuned group model the caller may use); the last user message is the question and the earlier
 * ones its conversation; access rules are those of /api/v1/ask. Errors are OpenAI's error object.
 */
@Path("/v1")
@Authenticated
@Tag(name = "openai")
@SecurityRequirement(name = "SecurityScheme")
public class OpenAiResource {

    static final String SSE = "text/event-stream";
    static final long STRATEGIES_CREATED = 1_767_225_600L; // 2026-01-01: a fixed date, these names do not change

    private final QuestionAnswering answering;
    private final StrategyRouter router;
    private final CurrentUser user;
    private final QueryConfig config;
    private final ObjectMapper mapper;

    OpenAiResource(QuestionAnswering answering, StrategyRouter router, CurrentUser user, QueryConfig config,
                   ObjectMapper mapper) {
        this.answering = answering;
        this.router = router;
        this.user = user;
        this.config = config;
        this.mapper = mapper;
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The models you may use: Tailor's strategies (tailor = auto, tailor-rag, tailor-extractive, "
            + "tailor-finetuned, tailor-finetuned-rag) and the fine-tuned models of your groups")
    public ModelList models() {
        return new ModelList("list", models(user.roles()).toList());
    }

    @GET
    @Path("/models/{model}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One model you may use")
    @APIResponse(responseCode = "404", description = "No such model, or not one you may use",
            content = @Content(schema = @Schema(implementation = OpenAiError.class)))
    public ModelList.Model model(@PathParam("model") String model) {
        return models(user.roles()).filter(m -> m.id().equals(model)).findFirst()
                .orElseThrow(() -> new ModelNotFoundException(model));
    }

    private Stream<ModelList.Model> models(Set<String> roles) {
        Stream<ModelList.Model> strategies = TailorModels.BY_NAME.keySet().stream().sorted()
                .map(id -> new ModelList.Model(id, "model", STRATEGIES_CREATED, "tailor"));
        Stream<ModelList.Model> groups = router.usableModels(roles).stream()
                .map(p -> new ModelList.Model(p.modelId(), "model",
                        p.promotedAt() == null ? STRATEGIES_CREATED : p.promotedAt().getEpochSecond(),
                        "tailor:" + p.groupId()));
        return Stream.concat(strategies, groups);
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    // No @Produces: whatever the client accepts (OpenAI's SDKs send application/json even for a stream, browsers
    // text/event-stream, curl */*). Items are bytes written as they are (JSON, or SSE events); the type is set per response.
    @Blocking
    @Operation(summary = "OpenAI-compatible chat completion answered by Tailor under your roles",
            description = "With stream: true the answer comes as server-sent events (data: {chunk}) as the model writes it, "
                    + "ending with data: [DONE]; with stream_options.include_usage a last chunk carries the usage.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "chat", value = """
            {"model": "tailor-rag", "messages": [{"role": "user", "content": "How often does the on-call pager rotate?"}]}""")))
    @APIResponse(responseCode = "200", description = "A chat.completion, or an SSE stream of chat.completion.chunk",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatCompletion.class)),
                    @Content(mediaType = SSE, schema = @Schema(implementation = ChatCompletion.Chunk.class))})
    @APIResponse(responseCode = "400", description = "Invalid request (no user message, n > 1, tools...)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown model, or a model you may not use",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "409", description = "tailor-finetuned(-rag), but no fine-tuned model may answer you",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "503", description = "The index or the chat model is unavailable",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    public RestMulti<byte[]> complete(@Valid @NotNull(message = "a JSON body is required") ChatCompletionRequest request) {
        Generation generation = OpenAiRequests.generation(request);
        Conversation conversation = OpenAiRequests.conversation(request.messages());
        Set<String> roles = user.roles();
        Route route = TailorModels.strategy(request.model()).map(s -> router.route(s, roles))
                .or(() -> router.routeToModel(request.model(), roles))
                .orElseThrow(() -> new ModelNotFoundException(request.model()));
        int topK = request.topK() == null ? config.retrieval().defaultTopK() : request.topK();
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        if (!request.streamed()) {
            Answer answer = answering.ask(conversation, route, topK, roles, generation, "chat");
            ChatCompletion completion = new ChatCompletion(id, "chat.completion", created, request.model(),
                    List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", answer.text()),
                            answer.finishReason())),
                    ChatCompletion.CompletionUsage.of(answer.promptTokens(), answer.completionTokens()),
                    citations(answer));
            return RestMulti.fromMultiData(Multi.createFrom().item(bytes(json(completion)))).encodeAsJsonArray(false)
                    .header("Content-Type", MediaType.APPLICATION_JSON).build();
        }
        Multi<AnswerEvent> events = answering.askStreaming(conversation, route, topK, roles, generation, "chat");
        return RestMulti.fromMultiData(sse(events, new ChunkWriter(id, created, request.model(), request.includeUsage()))
                        .map(OpenAiResource::item)).encodeAsJsonArray(false)
                .header("Content-Type", SSE).header("Cache-Control", "no-cache").build();
    }

    /**
     * The answer as OpenAI streams it: a role delta with the first content, content deltas as the model writes them,
     * a finish delta (with Tailor's citations, as in a whole completion), the usage when asked for, {@code [DONE]}.
     * Nothing is written before the model's first piece, so a model failing before it still gets an error status; a
     * model failing later gets OpenAI's error event. The client going away cancels the stream, and with it the model.
     */
    private Multi<String> sse(Multi<AnswerEvent> events, ChunkWriter writer) {
        AtomicBoolean started = new AtomicBoolean();
        return events.onItem().transform(event -> {
                    String frames = writer.frames(event);
                    return started.compareAndSet(false, true) ? writer.opening() + frames : frames;
                })
                .onFailure(e -> started.get()).recoverWithItem(this::errorFrame)
                .onCompletion().continueWith(frame("[DONE]"));
    }

    /** The model failed midway (a provider refusing the request does so before its first token: a 400 status). */
    private String errorFrame(Throwable failure) {
        return frame(json(OpenAiErrors.of(ErrorMappers.modelUnavailable(failure instanceof ChatUnavailableException
                ? failure.getMessage() : "the answer could not be completed; try again later"))));
    }

    /** Writes the chunks of one streamed completion. */
    private final class ChunkWriter {
        private final String id;
        private final long created;
        private final String model;
        private final boolean includeUsage;

        ChunkWriter(String id, long created, String model, boolean includeUsage) {
            this.id = id;
            this.created = created;
            this.model = model;
            this.includeUsage = includeUsage;
        }

        String opening() {
            return chunk(new ChatCompletion.Delta("assistant", ""), null, null);
        }

        String frames(AnswerEvent event) {
            if (event instanceof AnswerEvent.Text text) {
                return chunk(new ChatCompletion.Delta(null, text.text()), null, null);
            }
            Answer answer = ((AnswerEvent.Finished) event).answer();
            StringBuilder frames = new StringBuilder(frame(json(new ChatCompletion.Chunk(id, "chat.completion.chunk",
                    created, model, List.of(new ChatCompletion.ChunkChoice(0, new ChatCompletion.Delta(null, null),
                    answer.finishReason())), citations(answer), null))));
            if (includeUsage) {
                frames.append(frame(json(new ChatCompletion.Chunk(id, "chat.completion.chunk", created, model,
                        List.of(), null, ChatCompletion.CompletionUsage.of(answer.promptTokens(), answer.completionTokens())))));
            }
            return frames.toString();
        }

        private String chunk(ChatCompletion.Delta delta, String finish, List<Citation> citations) {
            return frame(json(new ChatCompletion.Chunk(id, "chat.completion.chunk", created, model,
                    List.of(new ChatCompletion.ChunkChoice(0, delta, finish)), citations, null)));
        }
    }

    private static List<Citation> citations(Answer answer) {
        return new ArrayList<>(answer.citations().stream().map(Citation::of).toList());
    }

    /**
     * Quarkus REST ends every item of a stream that is not a JSON array with a newline; SSE events end with a blank
     * line, so an item leaves out its last newline and the framework writes it.
     */
    private static byte[] item(String events) {
        return bytes(events.substring(0, events.length() - 1));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String frame(String data) {
        return "data: " + data + "\n\n";
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
