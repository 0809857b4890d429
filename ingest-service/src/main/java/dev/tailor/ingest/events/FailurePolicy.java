package dev.tailor.ingest.events;

import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.health.Availability;
import dev.tailor.ingest.health.IndexAvailability;
import dev.tailor.ingest.health.PublishAvailability;
import dev.tailor.ingest.index.IndexUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * The one place that tells transient failures from permanent ones, as SmallRye Fault Tolerance guards.
 * <ul>
 * <li><b>Transient</b> — Weaviate ({@link IndexUnavailableException}) or Kafka ({@link KafkaUnavailableException})
 * unreachable or overloaded: retried with exponential back-off, forever, while readiness reports the outage; no
 * change is skipped, and processing resumes by itself.</li>
 * <li><b>Permanent</b> — anything else (Weaviate refusing objects, chunking or embedding throwing): retried
 * {@code permanent-attempts} times in all, then the caller isolates and dead-letters the failing document.</li>
 * </ul>
 * Retries stop when the service shuts down: the poll is then not acknowledged and comes back after the restart.
 */
@ApplicationScoped
public class FailurePolicy {

    private static final Logger LOG = Logger.getLogger(FailurePolicy.class);

    private final Guard untilIndexed;
    private final Guard untilAcknowledged;
    private final Guard fewTimes;
    private volatile boolean stopping;

    FailurePolicy(IngestConfig config, IndexAvailability index, PublishAvailability kafka) {
        IngestConfig.Retry retry = config.retry();
        this.untilIndexed = transientGuard(retry, IndexUnavailableException.class, index);
        this.untilAcknowledged = transientGuard(retry, KafkaUnavailableException.class, kafka);
        this.fewTimes = Guard.create()
                .withRetry()
                .maxRetries(Math.max(0, retry.permanentAttempts() - 1))
                .delay(retry.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .maxDuration(0, ChronoUnit.MILLIS)
                .whenException(e -> !isTransient(e) && !stopping)
                .beforeRetry(e -> LOG.warnf("retrying after a failure of its own: %s", e.toString()))
                .done()
                .build();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Whether retrying as it is may succeed once the outside world recovers. */
    public static boolean isTransient(Throwable e) {
        return e instanceof IndexUnavailableException || e instanceof KafkaUnavailableException;
    }

    /** Calls {@code action} until Weaviate stops failing transiently; other failures propagate at once. */
    public <T> T untilIndexed(Callable<T> action, Class<T> type) throws Exception {
        return untilIndexed.call(action, type);
    }

    /** Calls {@code action} until Kafka stops failing to acknowledge; other failures propagate at once. */
    public void untilAcknowledged(Callable<Void> action) throws Exception {
        untilAcknowledged.call(action, Void.class);
    }

    /** Calls {@code action} up to {@code permanent-attempts} times while it fails permanently; transient ones propagate. */
    public <T> T fewTimes(Callable<T> action, Class<T> type) throws Exception {
        return fewTimes.call(action, type);
    }

    private Guard transientGuard(IngestConfig.Retry retry, Class<? extends Exception> failure, Availability availability) {
        Duration initial = retry.initialBackoff();
        return Guard.create()
                .withRetry()
                .maxRetries(-1)
                .maxDuration(0, ChronoUnit.MILLIS)
                .delay(initial.toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> failure.isInstance(e) && !stopping)
                .beforeRetry(e -> {
                    availability.failed(e.getMessage());
                    LOG.warnf("%s; retrying (attempt %d)", e.getMessage(),
                            availability.outage().map(Availability.Outage::attempts).orElse(1L) + 1);
                })
                .onSuccess(availability::recovered)
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(retry.maxBackoff().toMillis(), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }
}
