package dev.tailor.query.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.query.answering.Answer;
import dev.tailor.query.answering.AnswerStream;
import dev.tailor.query.answering.ChatUnavailableException;
import dev.tailor.query.answering.QuestionAnswering;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.query.rest.dto.Citation;
import dev.tailor.query.rest.dto.ErrorResponse;
import dev.tailor.query.rest.openai.ChatCompletion;
import dev.tailor.query.rest.openai.ChatCompletionRequest;
import dev.tailor.query.rest.openai.ChatMessage;
import dev.tailor.query.rest.openai.ModelList;
import dev.tailor.query.rest.openai.TailorModels;
import dev.tailor.query.routing.Strategy;
import dev.tailor.query.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * OpenAI-compatible endpoints, so that any OpenAI client or chat UI can use Tailor. The model name picks the
 * strategy; the last user message is the question; access rules are those of /api/v1/ask.
 */
@Path("/v1")
@Authenticated
@Tag(name = "openai")
@SecurityRequirement(name = "SecurityScheme")
public class OpenAiResource {

    static final String SSE = "text/event-stream";

    private final QuestionAnswering answering;
    private final CurrentUser user;
    private final QueryConfig config;
    private final ObjectMapper mapper;

    OpenAiResource(QuestionAnswering answering, CurrentUser user, QueryConfig config, ObjectMapper mapper) {
        this.answering = answering;
        this.user = user;
        this.config = config;
        this.mapper = mapper;
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The models (strategies) Tailor serves: tailor (auto), tailor-rag, tailor-finetuned")
    public ModelList models() {
        long created = 1_767_225_600L; // 2026-01-01: a fixed date, these names do not change
        return new ModelList("list", TailorModels.BY_NAME.keySet().stream().sorted()
                .map(id -> new ModelList.Model(id, "model", created, "tailor")).toList());
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, SSE})
    @Operation(summary = "OpenAI-compatible chat completion answered by Tailor under your roles",
            description = "With stream: true the answer comes as server-sent events (data: {chunk}) as the model writes it, "
                    + "ending with data: [DONE].")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "chat", value = """
            {"model": "tailor-rag", "messages": [{"role": "user", "content": "How often does the on-call pager rotate?"}]}""")))
    @APIResponse(responseCode = "200", description = "A chat.completion, or an SSE stream of chat.completion.chunk",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatCompletion.class)))
    @APIResponse(responseCode = "400", description = "Invalid request (unknown model, no user message...)",
            content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "409", description = "tailor-finetuned, but no fine-tuned model may answer you")
    @APIResponse(responseCode = "503", description = "The index or the chat model is unavailable")
    public Response complete(@Valid @NotNull(message = "a JSON body is required") ChatCompletionRequest request) {
        Strategy strategy = TailorModels.strategy(request.model()).orElseThrow(() -> new BadRequestException(
                "unknown model '" + request.model() + "'; use one of tailor, tailor-rag, tailor-finetuned"));
        String question = lastUserMessage(request.messages());
        int topK = request.topK() == null ? config.retrieval().defaultTopK() : request.topK();
        String id = "chatcmpl-" + UUID.randomUUID();
        long created = System.currentTimeMillis() / 1000;
        if (Boolean.TRUE.equals(request.stream())) {
            // Returns once the model has started answering: until then errors (409, 503) get a proper status.
            AnswerStream answer = answering.askStreaming(question, topK, strategy, user.roles(), "chat");
            StreamingOutput body = out -> stream(out, id, created, request.model(), answer);
            return Response.ok(body, SSE).header("Cache-Control", "no-cache").build();
        }
        Answer answer = answering.ask(question, topK, strategy, user.roles(), "chat");
        var completion = new ChatCompletion(id, "chat.completion", created, request.model(),
                List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", answer.text()), "stop")),
                new ChatCompletion.CompletionUsage(answer.promptTokens(), answer.completionTokens(),
                        answer.promptTokens() + answer.completionTokens()),
                answer.citations().stream().map(Citation::of).toList());
        return Response.ok(completion, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static String lastUserMessage(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if ("user".equals(m.role())) {
                String text = m.text();
                if (text.isBlank()) {
                    throw new BadRequestException("the last user message is empty");
                }
                if (text.length() > 4000) {
                    throw new BadRequestException("the question must be at most 4000 characters");
                }
                return text;
            }
        }
        throw new BadRequestException("messages contain no user message");
    }

    /**
     * Writes the answer as OpenAI streams it: a role delta, content deltas as the model writes them, a finish
     * delta (with Tailor's citations, as in a whole completion), {@code [DONE]}. A model failing midway gets an OpenAI-style error event (the status is already 200).
     */
    private void stream(OutputStream out, String id, long created, String model, AnswerStream answer) throws IOException {
        send(out, chunk(id, created, model, new ChatCompletion.Delta("assistant", ""), null, null));
        try {
            for (var piece = answer.next(); piece.isPresent(); piece = answer.next()) {
                send(out, chunk(id, created, model, new ChatCompletion.Delta(null, piece.get()), null, null));
            }
            send(out, chunk(id, created, model, new ChatCompletion.Delta(null, null), "stop",
                    answer.citations().stream().map(Citation::of).toList()));
        } catch (ChatUnavailableException e) {
            send(out, new StreamError(new ErrorResponse(ErrorMappers.MODEL_UNAVAILABLE, e.getMessage())));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** OpenAI's shape of an error inside a stream: {@code {"error": {...}}}. */
    record StreamError(ErrorResponse error) {
    }

    private ChatCompletion.Chunk chunk(String id, long created, String model, ChatCompletion.Delta delta, String finish,
            List<Citation> citations) {
        return new ChatCompletion.Chunk(id, "chat.completion.chunk", created, model,
                List.of(new ChatCompletion.ChunkChoice(0, delta, finish)), citations);
    }

    private void send(OutputStream out, Object event) throws IOException {
        out.write(("data: " + mapper.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
