package dev.tailor.query.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.query.metrics.QueryMeters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the configured chat model (any OpenAI-compatible server; model-service by default) for a whole completion or
 * a streamed one. Resilience is declared on the calls: a whole completion times out after
 * {@code tailor.query.chat.timeout} and is retried up to {@code max-retries} times when the provider failed on its
 * side; a stream fails when the provider is silent for the timeout, and is never retried (its text may have reached
 * the caller). Cancelling a stream (the caller went away) closes the provider's connection, which stops the model.
 * Provider failures become {@link ChatUnavailableException} with a generic message (the provider's URL and error stay
 * in the log); a request the provider refuses as invalid becomes {@link ChatRejectedException} with its reason.
 */
@ApplicationScoped
public class ChatProvider {

    private static final Logger LOG = Logger.getLogger(ChatProvider.class);
    static final String DONE = "[DONE]";

    private final OpenAiChatClient client;
    private final QueryMeters meters;
    private final QueryConfig.Chat config;
    private final ObjectMapper mapper;

    ChatProvider(@RestClient OpenAiChatClient client, QueryMeters meters, QueryConfig config, ObjectMapper mapper) {
        this.client = client;
        this.meters = meters;
        this.config = config.chat();
        this.mapper = mapper;
    }

    public boolean enabled() {
        return config.enabled();
    }

    public String defaultModel() {
        return config.model();
    }

    /** A whole completion; blocks the calling (worker) thread. */
    public Completion complete(ChatCall call) {
        ChatCall c = withDefaults(call);
        long start = System.nanoTime();
        try {
            Uni<ProviderResponse.Completion> response = client.complete(ProviderRequest.of(c, false))
                    .ifNoItem().after(config.timeout()).fail();
            if (config.maxRetries() > 0) {
                response = response.onFailure(ChatProvider::transientFailure).retry()
                        .withBackOff(Duration.ofMillis(200)).atMost(config.maxRetries());
            }
            Completion completion = completion(c.model(), response.await().indefinitely(), start);
            if (completion.text().isBlank()) {
                throw new ChatUnavailableException("the chat model returned no answer; try again later");
            }
            return completion;
        } catch (ChatUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            meters.recordLlm(c.model(), System.nanoTime() - start, false);
            throw translated(c.model(), e);
        }
    }

    /**
     * A streamed completion: the text as the model writes it, then the completion. Nothing is asked of the provider
     * until the stream is subscribed to. A provider that fails before its first token fails the stream before its
     * first item, so that the caller can still answer with an error status.
     */
    public Multi<ChatEvent> stream(ChatCall call) {
        ChatCall c = withDefaults(call);
        return Multi.createFrom().deferred(() -> {
            long start = System.nanoTime();
            StringBuilder text = new StringBuilder();
            AtomicReference<ProviderResponse.Usage> usage = new AtomicReference<>();
            AtomicReference<String> finish = new AtomicReference<>("stop");
            return client.stream(ProviderRequest.of(c, true))
                    .ifNoItem().after(config.timeout()).fail()
                    .select().where(data -> !DONE.equals(data.strip()))
                    .onItem().transformToIterable(data -> {
                        ProviderResponse.Chunk chunk = chunk(data);
                        if (chunk.error() != null) {
                            throw new ChatUnavailableException("the chat model stopped answering; try again later");
                        }
                        if (chunk.usage() != null) {
                            usage.set(chunk.usage());
                        }
                        List<ChatEvent> deltas = new java.util.ArrayList<>();
                        for (ProviderResponse.Choice choice : chunk.choices() == null ? List.<ProviderResponse.Choice>of() : chunk.choices()) {
                            if (choice.finishReason() != null) {
                                finish.set(choice.finishReason());
                            }
                            String delta = choice.delta() == null ? null : choice.delta().content();
                            if (delta != null && !delta.isEmpty()) {
                                text.append(delta);
                                deltas.add(new ChatEvent.Delta(delta));
                            }
                        }
                        return deltas;
                    })
                    .onCompletion().switchTo(() -> {
                        ProviderResponse.Usage u = usage.get();
                        long in = u == null ? 0 : u.promptTokens();
                        long out = u == null ? 0 : u.completionTokens();
                        meters.recordLlm(c.model(), System.nanoTime() - start, true);
                        meters.countTokens(c.model(), in, out);
                        return Multi.createFrom().item(new ChatEvent.Done(
                                new Completion(text.toString(), c.model(), in, out, finish.get())));
                    })
                    .onFailure().transform(e -> {
                        meters.recordLlm(c.model(), System.nanoTime() - start, false);
                        return translated(c.model(), e);
                    });
        });
    }

    private ChatCall withDefaults(ChatCall call) {
        return new ChatCall(call.model() == null ? config.model() : call.model(), call.messages(),
                call.generation().withTemperature(config.temperature()));
    }

    private ProviderResponse.Chunk chunk(String data) {
        try {
            return mapper.readValue(data, ProviderResponse.Chunk.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable chunk from the chat model: " + e.getMessage());
        }
    }

    private Completion completion(String model, ProviderResponse.Completion response, long start) {
        meters.recordLlm(model, System.nanoTime() - start, true);
        long in = response.usage() == null ? 0 : response.usage().promptTokens();
        long out = response.usage() == null ? 0 : response.usage().completionTokens();
        meters.countTokens(model, in, out);
        ProviderResponse.Choice choice = response.choices() == null || response.choices().isEmpty() ? null
                : response.choices().get(0);
        String text = choice == null || choice.message() == null || choice.message().content() == null ? ""
                : choice.message().content();
        String finish = choice == null || choice.finishReason() == null ? "stop" : choice.finishReason();
        return new Completion(text, model, in, out, finish);
    }

    /** Worth another try: the provider timed out, could not be reached, or failed on its side (5xx, 429). */
    static boolean transientFailure(Throwable e) {
        if (e instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return status >= 500 || status == 429;
        }
        return e instanceof TimeoutException || e instanceof ProcessingException
                || e.getCause() instanceof java.io.IOException;
    }

    private RuntimeException translated(String model, Throwable e) {
        if (e instanceof ChatUnavailableException || e instanceof ChatRejectedException) {
            return (RuntimeException) e;
        }
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 400) {
            String reason = providerMessage(w);
            LOG.infof("chat model %s refused a request: %s", model, reason);
            return new ChatRejectedException("the chat model refused the request: " + reason);
        }
        LOG.warnf("chat model %s failed: %s", model, e.toString());
        return new ChatUnavailableException("the chat model is unavailable or timed out; try again later");
    }

    /** The message of the provider's OpenAI error body, or its status. */
    private String providerMessage(WebApplicationException e) {
        try {
            String body = e.getResponse().readEntity(String.class);
            String message = mapper.readTree(body).path("error").path("message").asText("");
            return message.isBlank() ? "HTTP " + e.getResponse().getStatus() : message;
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return "HTTP " + e.getResponse().getStatus();
        }
    }
}
