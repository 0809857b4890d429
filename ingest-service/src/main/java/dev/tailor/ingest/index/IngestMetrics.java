package dev.tailor.ingest.index;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's metrics, under the Prometheus names of the design: {@code tailor_ingest_events_total{outcome}},
 * {@code tailor_ingest_chunks_embedded_total}, {@code tailor_ingest_chunks_reused_total},
 * {@code tailor_ingest_freshness_seconds} (histogram, event time to searchable); and, to see where a wave's time
 * goes, {@code tailor_ingest_stage_seconds{stage="read|embed|write"}} and {@code tailor_ingest_wave_size}.
 */
// created at start: metrics exist (at 0) before the first event
@Startup
@ApplicationScoped
public class IngestMetrics {

    public enum Outcome {
        INDEXED, IGNORED, DEAD_LETTERED
    }

    private final Counter indexed;
    private final Counter ignored;
    private final Counter deadLettered;
    private final Counter embedded;
    private final Counter reused;
    private final Timer freshness;
    private final Timer read;
    private final Timer embed;
    private final Timer write;
    private final DistributionSummary waveSize;

    IngestMetrics(MeterRegistry registry) {
        this.indexed = events(registry, "indexed");
        this.ignored = events(registry, "ignored");
        this.deadLettered = events(registry, "dead_lettered");
        this.embedded = Counter.builder("tailor.ingest.chunks.embedded")
                .description("Chunks whose text was embedded").register(registry);
        this.reused = Counter.builder("tailor.ingest.chunks.reused")
                .description("Chunks whose vector was reused from the index").register(registry);
        this.freshness = Timer.builder("tailor.ingest.freshness")
                .description("From a change's event time to when it is searchable")
                .publishPercentileHistogram()
                // p50/p99 over the last minutes, for the console's Ingest page (Prometheus uses the histogram)
                .publishPercentiles(0.5, 0.99)
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.read = stage(registry, "read");
        this.embed = stage(registry, "embed");
        this.write = stage(registry, "write");
        this.waveSize = DistributionSummary.builder("tailor.ingest.wave.size")
                .description("Changes applied together (one per document), per wave").register(registry);
    }

    private static Timer stage(MeterRegistry registry, String stage) {
        return Timer.builder("tailor.ingest.stage").tag("stage", stage)
                .description("Time a wave of changes spends reading the index, embedding, writing the index")
                .register(registry);
    }

    private static Counter events(MeterRegistry registry, String outcome) {
        return Counter.builder("tailor.ingest.events").tag("outcome", outcome)
                .description("docs.changes records by outcome").register(registry);
    }

    public void event(Outcome outcome) {
        switch (outcome) {
            case INDEXED -> indexed.increment();
            case IGNORED -> ignored.increment();
            case DEAD_LETTERED -> deadLettered.increment();
        }
    }

    public void chunks(int embeddedCount, int reusedCount) {
        embedded.increment(embeddedCount);
        reused.increment(reusedCount);
    }

    /** A wave of {@code changes} spent these nanoseconds in each stage. */
    public void wave(int changes, long readNanos, long embedNanos, long writeNanos) {
        waveSize.record(changes);
        read.record(readNanos, TimeUnit.NANOSECONDS);
        embed.record(embedNanos, TimeUnit.NANOSECONDS);
        write.record(writeNanos, TimeUnit.NANOSECONDS);
    }

    public void searchable(Instant eventTime, Instant indexedTime) {
        Duration d = Duration.between(eventTime, indexedTime);
        freshness.record(d.isNegative() ? Duration.ZERO : d);
    }
}
