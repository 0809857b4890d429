package dev.tailor.runtime.embedding;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the embedding model on every thread of its executor before the service takes traffic: an ONNX session's
 * first inferences on a thread allocate its memory arena and pick its kernels, and the Java around them is still
 * interpreted. Without this the first documents or questions after a start (a deployment, a scale-up) pay for it.
 * Off where a service embeds nothing at start-up ({@code tailor.embedding.warm-up=0}, finetune-service).
 */
@ApplicationScoped
public class EmbeddingWarmUp {

    private static final Logger LOG = Logger.getLogger(EmbeddingWarmUp.class);
    /** ~55 word pieces; repeated once to three times it spans a question's length to a chunk's (~165). */
    private static final String SAMPLE = "The quarterly maintenance window for the assembly robots moves to the first "
            + "Saturday of each month; firmware updates are staged in the test cell a week earlier, and the release "
            + "notes list every changed safety limit with the engineer who approved it. ";

    private final IndexEmbedding embedding;
    private final EmbeddingConfig config;

    EmbeddingWarmUp(IndexEmbedding embedding, EmbeddingConfig config) {
        this.embedding = embedding;
        this.config = config;
    }

    // after ingest-service's schema check (priority 1), before messaging starts its consumers
    void onStart(@Observes @Priority(2) StartupEvent event) {
        if (config.warmUp() <= 0) {
            return;
        }
        long started = System.nanoTime();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < config.threads() * config.warmUp(); i++) {
            // distinct lengths, so that the tokenizer and the session see more than one shape
            texts.add(SAMPLE.repeat(1 + i % 3).substring(i % 7));
        }
        embedding.embedAll(texts);
        LOG.infof("embedding model warmed up: %d texts on %d threads in %d ms", texts.size(), config.threads(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
