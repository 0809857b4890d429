package dev.tailor.model.serving;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.Pair;
import dev.tailor.model.config.ModelServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs generations on an executor of its own: {@code serving.concurrency} at a time, each on
 * {@code serving.threads} cores, the rest waiting in a bounded queue (a full queue is a {@link ServerBusyException}),
 * so concurrent requests queue instead of oversubscribing the cores. A generation whose subscriber goes away (the
 * client disconnected) stops at its next token, or never starts if it was still waiting.
 */
@ApplicationScoped
public class Generator {

    private static final Logger LOG = Logger.getLogger(Generator.class);

    private final ModelCatalog catalog;
    private final LoadedModels models;
    private final ModelServiceConfig config;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor executor;

    Generator(ModelCatalog catalog, LoadedModels models, ModelServiceConfig config, MeterRegistry meters) {
        this.catalog = catalog;
        this.models = models;
        this.config = config;
        this.meters = meters;
        int slots = Math.max(1, config.serving().concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.serving().queueCapacity())),
                r -> new Thread(r, "generation-" + threads.incrementAndGet()));
        meters.gauge("tailor_model_generation_queue", executor, e -> e.getQueue().size());
    }

    /** The answer as it is written; fails at once for an unknown model, before any work is queued. */
    public Multi<GenerationEvent> generate(String modelId, ChatRequest request) {
        ServedModel model = catalog.resolve(modelId);
        return Multi.createFrom().emitter(emitter -> {
            GenerationTask task = new GenerationTask(model, request, emitter);
            emitter.onTermination(task::cancel);
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                emitter.fail(new ServerBusyException("The model is busy: " + executor.getQueue().size()
                        + " requests are waiting. Please retry after a brief wait."));
            }
        });
    }

    /** The whole answer. */
    public Uni<Generation> complete(String modelId, ChatRequest request) {
        return generate(modelId, request).collect().asList().map(Generation::of);
    }

    /** A whole answer: its text and how it ended. */
    public record Generation(String text, GenerationEvent.Finished finished) {

        static Generation of(List<GenerationEvent> events) {
            StringBuilder text = new StringBuilder();
            GenerationEvent.Finished finished = null;
            for (GenerationEvent event : events) {
                if (event instanceof GenerationEvent.Delta delta) {
                    text.append(delta.text());
                } else if (event instanceof GenerationEvent.Finished f) {
                    finished = f;
                }
            }
            return new Generation(text.toString(), finished);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** The chat rendered with the model's own template (llama.cpp reads it from the GGUF). */
    static String render(LlamaModel model, List<ChatRequest.Message> messages) {
        String system = messages.stream().filter(m -> m.role().equals("system")).map(ChatRequest.Message::content)
                .collect(Collectors.joining("\n\n"));
        List<Pair<String, String>> turns = new ArrayList<>();
        messages.stream().filter(m -> !m.role().equals("system"))
                .forEach(m -> turns.add(new Pair<>(m.role(), m.content())));
        return model.applyTemplate(new InferenceParameters("").setMessages(system.isEmpty() ? null : system, turns));
    }

    private final class GenerationTask implements Runnable {
        private final ServedModel model;
        private final ChatRequest request;
        private final MultiEmitter<? super GenerationEvent> emitter;
        private volatile boolean cancelled;

        GenerationTask(ServedModel model, ChatRequest request, MultiEmitter<? super GenerationEvent> emitter) {
            this.model = model;
            this.request = request;
            this.emitter = emitter;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public void run() {
            if (cancelled) {
                return;
            }
            Timer.Sample sample = Timer.start(meters);
            String outcome = "error";
            try (LoadedModels.Lease lease = models.acquire(model)) {
                LlamaModel llama = lease.model();
                String prompt = render(llama, request.messages());
                int promptTokens = llama.encode(prompt).length;
                int contextSize = config.serving().contextSize();
                if (promptTokens + request.maxTokens() > contextSize) {
                    throw new PromptTooLongException(promptTokens, request.maxTokens(), contextSize);
                }
                LlamaIterator tokens = (LlamaIterator) llama.generate(parameters(prompt)).iterator();
                int outputs = 0;
                while (tokens.hasNext()) {
                    if (cancelled) {
                        tokens.cancel();
                        outcome = "cancelled";
                        return;
                    }
                    LlamaOutput output = tokens.next();
                    outputs++;
                    if (!output.text.isEmpty()) {
                        emitter.emit(new GenerationEvent.Delta(output.text));
                    }
                }
                // one output per token, then a closing one that carries no new token
                int completionTokens = Math.max(0, outputs - 1);
                meters.counter("tailor_model_tokens_total", "model", kind(), "kind", "prompt").increment(promptTokens);
                meters.counter("tailor_model_tokens_total", "model", kind(), "kind", "completion").increment(completionTokens);
                emitter.emit(new GenerationEvent.Finished(promptTokens, completionTokens,
                        completionTokens >= request.maxTokens() ? "length" : "stop"));
                emitter.complete();
                outcome = "ok";
            } catch (PromptTooLongException | ModelUnavailableException e) {
                emitter.fail(e);
            } catch (RuntimeException e) { // llama.cpp's LlamaException is not public
                LOG.warnf("generation with %s failed: %s", model.id(), e.toString());
                emitter.fail(new ModelUnavailableException("the model failed to generate: " + e.getMessage(), e));
            } finally {
                sample.stop(meters.timer("tailor_model_generation_seconds", "model", kind(), "outcome", outcome));
            }
        }

        /** Metrics tell the base from fine-tuned models, not one fine-tuned model from another (unbounded tags). */
        private String kind() {
            return model.adapter().isPresent() ? "fine-tuned" : "base";
        }

        private InferenceParameters parameters(String prompt) {
            InferenceParameters p = new InferenceParameters(prompt)
                    .setNPredict(request.maxTokens())
                    .setTemperature(request.temperature())
                    .setRepeatPenalty(config.serving().repeatPenalty())
                    .setFrequencyPenalty(request.frequencyPenalty())
                    .setPresencePenalty(request.presencePenalty())
                    .setCachePrompt(true);
            request.topP().ifPresent(p::setTopP);
            request.seed().ifPresent(p::setSeed);
            request.grammar().ifPresent(p::setGrammar);
            if (!request.stop().isEmpty()) {
                p.setStopStrings(request.stop().toArray(String[]::new));
            }
            return p;
        }
    }
}
