package dev.tailor.ingest.health;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Whether something the consumer needs currently fails, since when and why: the consumer reports, health reads. */
public abstract class Availability {

    public record Outage(Instant since, String lastError, long attempts) {
    }

    private final AtomicReference<Outage> outage = new AtomicReference<>();

    public void failed(String error) {
        outage.updateAndGet(o -> o == null ? new Outage(Instant.now(), error, 1)
                : new Outage(o.since(), error, o.attempts() + 1));
    }

    public void recovered() {
        outage.set(null);
    }

    public Optional<Outage> outage() {
        return Optional.ofNullable(outage.get());
    }
}
