package dev.tailor.model.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.model.serving.ChatRequest;
import dev.tailor.model.serving.GenerationEvent;
import dev.tailor.model.serving.Generator;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code POST /v1/chat/completions}, whole or streamed ({@code stream: true}: server-sent events, one per piece the
 * model writes, then {@code [DONE]}). Whether the body is one JSON document or a stream is known only from the
 * request body, so the method returns a {@link RestMulti} either way and sets the content type itself. A stream
 * fails with a real status (400, 404, 429, 503) until its first token; after that, an error is an OpenAI error
 * event. A client that goes away cancels the generation.
 */
@Path("/v1/chat/completions")
@Tag(name = "chat")
public class ChatCompletionsResource {

    static final String SSE = "text/event-stream";
    static final String DONE = "data: [DONE]\n\n";

    private final Generator generator;
    private final ChatRequests requests;
    private final ObjectMapper json;

    ChatCompletionsResource(Generator generator, ChatRequests requests, ObjectMapper json) {
        this.generator = generator;
        this.requests = requests;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // No @Produces: whatever the client accepts (OpenAI's SDKs send application/json even for a stream, curl */*).
    // Each item is bytes written as they are (already JSON or SSE events); the response's real type is set below.
    @Operation(summary = "Chat completion by the base model or a fine-tuned one (OpenAI's API)")
    public RestMulti<byte[]> complete(ChatCompletionRequest body) {
        if (body == null) {
            throw new InvalidRequestException(null, "a JSON body is required");
        }
        ChatRequest request = requests.from(body);
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        if (!body.streamed()) {
            Multi<String> whole = generator.complete(body.model(), request).map(g -> write(new ChatCompletion(id,
                    "chat.completion", created, body.model(),
                    List.of(new ChatCompletion.Choice(0, new ChatCompletion.Message("assistant", g.text()),
                            g.finished().finishReason())),
                    ChatCompletion.Usage.of(g.finished().promptTokens(), g.finished().completionTokens())))).toMulti();
            return RestMulti.fromMultiData(whole.map(ChatCompletionsResource::bytes)).encodeAsJsonArray(false)
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON).build();
        }
        return RestMulti.fromMultiData(stream(id, created, body, request).map(ChatCompletionsResource::bytes))
                .encodeAsJsonArray(false)
                .header(HttpHeaders.CONTENT_TYPE, SSE).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    private Multi<String> stream(String id, long created, ChatCompletionRequest body, ChatRequest request) {
        AtomicBoolean started = new AtomicBoolean();
        return generator.generate(body.model(), request)
                .map(event -> item((started.getAndSet(true) ? "" : event(chunk(id, created, body.model(),
                        new ChatCompletion.Delta("assistant", ""), null))) + events(id, created, body, event)))
                .onCompletion().continueWith(item(DONE))
                // before the first event nothing was sent: the failure becomes the response's status instead
                .onFailure(e -> started.get()).recoverWithMulti(e -> Multi.createFrom().items(
                        item(event(OpenAiErrors.body(e)) + DONE)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Quarkus REST ends every item of a non-array stream with a newline; an SSE event ends with a blank line, so
     * each item leaves out its last newline and the framework writes it.
     */
    private static String item(String events) {
        return events.substring(0, events.length() - 1);
    }

    private String events(String id, long created, ChatCompletionRequest body, GenerationEvent event) {
        if (event instanceof GenerationEvent.Delta delta) {
            return event(chunk(id, created, body.model(), new ChatCompletion.Delta(null, delta.text()), null));
        }
        var finished = (GenerationEvent.Finished) event;
        String last = event(chunk(id, created, body.model(), new ChatCompletion.Delta(null, null), finished.finishReason()));
        if (body.includeUsage()) {
            last += event(new ChatCompletion.Chunk(id, "chat.completion.chunk", created, body.model(), List.of(),
                    ChatCompletion.Usage.of(finished.promptTokens(), finished.completionTokens())));
        }
        return last;
    }

    private static ChatCompletion.Chunk chunk(String id, long created, String model, ChatCompletion.Delta delta,
                                              String finishReason) {
        return new ChatCompletion.Chunk(id, "chat.completion.chunk", created, model,
                List.of(new ChatCompletion.ChunkChoice(0, delta, finishReason)), null);
    }

    private String event(Object data) {
        return "data: " + write(data) + "\n\n";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
