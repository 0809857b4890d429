package dev.tailor.ingest.rest;

/**
 * ingest-service's figures since it started, for the web console's Ingest page. Counters are totals: a reader gets
 * rates from two readings and their {@code at}.
 *
 * @param backlog   records of docs.changes not processed yet (consumer lag); null while the broker cannot tell
 * @param freshness event time to searchable over the last minutes
 */
public record IngestStats(String at, Events events, double chunksEmbedded, double chunksReused, Long backlog,
                          Freshness freshness) {

    public record Events(double indexed, double ignored, double deadLettered) {
    }

    /** Seconds; null before the first indexed change of the window. */
    public record Freshness(long count, Double p50Seconds, Double p99Seconds, Double maxSeconds) {
    }
}
