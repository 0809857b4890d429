package dev.tailor.ingest.rest;

import dev.tailor.contracts.Roles;
import dev.tailor.ingest.backlog.ConsumerBacklog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The pipeline's own meters as one small JSON document (the same figures Prometheus scrapes on /q/metrics). */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class IngestStatsResource {

    private final MeterRegistry registry;
    private final ConsumerBacklog backlog;

    IngestStatsResource(MeterRegistry registry, ConsumerBacklog backlog) {
        this.registry = registry;
        this.backlog = backlog;
    }

    @GET
    @Operation(summary = "Events by outcome, chunks embedded and reused (totals), backlog, freshness percentiles")
    public IngestStats stats() {
        Timer freshness = registry.find("tailor.ingest.freshness").timer();
        Double p50 = null;
        Double p99 = null;
        long count = 0;
        Double max = null;
        if (freshness != null) {
            var snapshot = freshness.takeSnapshot();
            count = snapshot.count();
            max = count == 0 ? null : snapshot.max(TimeUnit.SECONDS);
            for (ValueAtPercentile v : snapshot.percentileValues()) {
                double seconds = v.value(TimeUnit.SECONDS);
                if (v.percentile() == 0.5) {
                    p50 = count == 0 ? null : seconds;
                } else if (v.percentile() == 0.99) {
                    p99 = count == 0 ? null : seconds;
                }
            }
        }
        return new IngestStats(Instant.now().toString(),
                new IngestStats.Events(events("indexed"), events("ignored"), events("dead_lettered")),
                counter("tailor.ingest.chunks.embedded"), counter("tailor.ingest.chunks.reused"),
                backlog.records().isPresent() ? backlog.records().getAsLong() : null,
                new IngestStats.Freshness(count, p50, p99, max));
    }

    private double events(String outcome) {
        Counter c = registry.find("tailor.ingest.events").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private double counter(String name) {
        Counter c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }
}
