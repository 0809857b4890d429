package dev.tailor.query.retrieval;

import dev.tailor.contracts.Roles;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.runtime.embedding.EmbeddingConfig;
import dev.tailor.runtime.rag.ChunkRetriever;
import dev.tailor.runtime.rag.IndexGuard;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Runs a few searches through retrieval before the service reports ready: the first ones after a start pay for the
 * ONNX session's first run on each embedding thread, the gRPC channel to Weaviate and a few thousand classes, and
 * without this the first users did (the first requests of {@code dev/bench query --first-run} took up to 1.6 s).
 * Nothing blocks on it: an index that cannot be served ends the warm-up at once, and
 * {@link IndexReadinessCheck} says why.
 */
@Readiness
@ApplicationScoped
public class RetrievalWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RetrievalWarmUp.class);
    private static final List<String> QUESTIONS = List.of("How do I request a new laptop?",
            "What is the travel expense limit?", "Who approves purchase orders?", "How are code reviews done?");

    private final ChunkRetriever retriever;
    private final IndexGuard guard;
    private final int searches;
    private final int threads;
    private volatile boolean done;

    RetrievalWarmUp(ChunkRetriever retriever, IndexGuard guard, QueryConfig config, EmbeddingConfig embedding) {
        this.retriever = retriever;
        this.guard = guard;
        this.searches = config.retrieval().warmUpSearches();
        this.threads = Math.max(1, embedding.threads());
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::warmUp, "retrieval-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void warmUp() {
        long start = System.nanoTime();
        // as many callers as embedding threads, so that every ONNX thread runs the model once at least
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try {
            if (searches > 0 && guard.problem().isEmpty()) {
                List<Callable<Object>> calls = IntStream.range(0, searches).mapToObj(i -> (Callable<Object>) () ->
                        retriever.search(QUESTIONS.get(i % QUESTIONS.size()), 5, Set.of(Roles.PUBLIC))).toList();
                for (Future<Object> call : callers.invokeAll(calls)) {
                    call.get();
                }
                LOG.infof("retrieval warmed up with %d searches in %d ms", searches, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (ExecutionException | RuntimeException e) {
            LOG.warnf("retrieval warm-up stopped: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            callers.shutdownNow();
            done = true;
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("retrieval-warm-up").status(done).build();
    }
}
