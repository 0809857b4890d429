package dev.tailor.finetune.advice;

import dev.tailor.contracts.QueryMetric;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Replays queries.metrics (35-day retention) into memory and keeps following it, for the advisor. */
@ApplicationScoped
public class QueryMetricsTracker {

    private final List<QueryMetric> metrics = new ArrayList<>();
    private TopicFollower follower;

    @Inject
    KafkaSupport kafka;

    @PostConstruct
    void start() {
        follower = kafka.follow(Topics.QUERIES_METRICS, record -> {
            if (record.value() == null) {
                return;
            }
            try {
                QueryMetric metric = KafkaSupport.JSON.readValue(record.value(), QueryMetric.class);
                if (metric.time() == null) {
                    metric = new QueryMetric(metric.roles(), metric.endpoint(), metric.strategy(), metric.model(),
                            metric.retrievedChunks(), metric.retrievedTokens(), metric.answered(), metric.promptTokens(),
                            metric.completionTokens(), metric.latencyMillis(), Instant.ofEpochMilli(record.timestamp()));
                }
                synchronized (metrics) {
                    metrics.add(metric);
                    if (metrics.size() % 10_000 == 0) {
                        // the topic keeps 35 days; so does memory
                        Instant horizon = metric.time().minus(Duration.ofDays(35));
                        metrics.removeIf(m -> m.time().isBefore(horizon));
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("not a QueryMetric: " + e.getMessage(), e);
            }
        });
    }

    /** Start replaying at startup, not at the first advice request: 35 days of metrics take a moment. */
    void init(@Observes io.quarkus.runtime.StartupEvent event) {
        // observing the event creates the bean, and @PostConstruct starts the follower
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public List<QueryMetric> since(Instant since) {
        synchronized (metrics) {
            return new ArrayList<>(metrics.stream().filter(m -> !m.time().isBefore(since)).toList());
        }
    }
}
