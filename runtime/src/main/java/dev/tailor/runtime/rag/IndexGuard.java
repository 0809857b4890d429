package dev.tailor.runtime.rag;

import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.runtime.weaviate.IndexSchema;
import io.weaviate.client6.v1.api.WeaviateClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Refuses to serve an index built by another embedding model: vectors of two models are not comparable, so
 * results would be nonsense. The check runs on first use (a service may also run it at startup) and never crashes
 * the app; while it fails, retrieval throws {@link IndexUnavailableException} with the reason. A failed check is
 * retried after an interval, because the index may simply not exist yet (ingest-service creates it).
 */
@ApplicationScoped
public class IndexGuard {

    private static final Logger LOG = Logger.getLogger(IndexGuard.class);

    private final WeaviateClient client;
    private final IndexEmbedding embedder;
    private final RagConfig config;
    private final Clock clock = Clock.systemUTC();

    private volatile Optional<String> problem = Optional.of("the index has not been checked yet");
    private volatile Instant lastCheck = Instant.EPOCH;

    IndexGuard(WeaviateClient client, IndexEmbedding embedder, RagConfig config) {
        this.client = client;
        this.embedder = embedder;
        this.config = config;
    }

    /** Verifies the index now; returns the problem, if any. */
    public synchronized Optional<String> check() {
        lastCheck = clock.instant();
        try {
            IndexSchema.verify(client, embedder.indexModel());
            if (problem.isPresent()) {
                LOG.infof("serving the index built with %s", embedder.indexModel());
            }
            problem = Optional.empty();
        } catch (IndexSchema.IndexModelMismatch e) {
            LOG.error(e.getMessage());
            problem = Optional.of(e.getMessage());
        } catch (Exception e) {
            LOG.warnf("cannot check the Weaviate index: %s", e.toString());
            problem = Optional.of("Weaviate is unreachable; the index cannot be checked");
        }
        return problem;
    }

    /** The current problem with the index, re-checking when the last check failed a while ago. */
    public Optional<String> problem() {
        if (problem.isPresent() && clock.instant().isAfter(lastCheck.plus(config.retrieval().indexRecheckInterval()))) {
            return check();
        }
        return problem;
    }

    /** Throws {@link IndexUnavailableException} unless the index may be served. */
    public void requireServable() {
        problem().ifPresent(p -> {
            throw new IndexUnavailableException(p);
        });
    }
}
