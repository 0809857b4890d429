package dev.tailor.query.metrics;

import dev.tailor.contracts.QueryMetric;
import dev.tailor.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes one {@link QueryMetric} per answered request on {@link Topics#QUERIES_METRICS}, keyed by the role
 * group. Best effort: a metric that cannot be sent is logged and dropped, it never fails the user's request.
 */
@ApplicationScoped
public class QueryMetricsPublisher {

    private static final Logger LOG = Logger.getLogger(QueryMetricsPublisher.class);

    private final Emitter<QueryMetric> emitter;

    QueryMetricsPublisher(@Channel(Topics.QUERIES_METRICS) @OnOverflow(value = OnOverflow.Strategy.DROP)
                          Emitter<QueryMetric> emitter) {
        this.emitter = emitter;
    }

    public void publish(QueryMetric metric) {
        try {
            emitter.send(Message.of(metric)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(String.join(",", metric.roles())).build())
                    .withAck(() -> CompletableFuture.completedFuture(null))
                    .withNack(e -> {
                        LOG.warnf("a query metric was not published: %s", e.toString());
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            LOG.warnf("a query metric was not published: %s", e.toString());
        }
    }
}
