package dev.tailor.ingest.backlog;

import dev.tailor.contracts.Topics;
import dev.tailor.runtime.kafka.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ingest backlog: records of {@code docs.changes} that the consumer group has not committed yet, summed over the
 * partitions (the group's consumer lag), as the gauge {@code tailor_ingest_backlog_records}. It is read from the broker
 * (committed offsets against end offsets), not from the consumer, so a stuck consumer shows as a growing backlog
 * instead of as a gauge that stops moving. NaN while the broker cannot tell.
 */
@Startup
@ApplicationScoped
public class ConsumerBacklog {

    private static final Logger LOG = Logger.getLogger(ConsumerBacklog.class);
    /** Often enough for an alert that waits minutes, rarely enough to cost the broker nothing. */
    private static final long REFRESH_SECONDS = 5;
    private static final long TIMEOUT_SECONDS = 4;

    private final Admin admin;
    private final String groupId;
    private final ScheduledExecutorService refresher;
    private volatile double records = Double.NaN;
    private volatile boolean warned;

    ConsumerBacklog(KafkaClients kafka, MeterRegistry registry,
                    @ConfigProperty(name = "mp.messaging.incoming.docs-changes.group.id") String groupId) {
        this.groupId = groupId;
        this.admin = Admin.create(kafka.settings(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "ingest-backlog",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))));
        Gauge.builder("tailor.ingest.backlog", this, b -> b.records)
                .description("Records of docs.changes not yet processed by ingest-service (consumer group lag)")
                .baseUnit("records")
                .register(registry);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-backlog");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /** The latest backlog in records; empty until the broker answered. */
    public OptionalLong records() {
        double r = records;
        return Double.isNaN(r) ? OptionalLong.empty() : OptionalLong.of((long) r);
    }

    private void refresh() {
        try {
            records = lag();
            warned = false;
        } catch (Exception e) {
            records = Double.NaN;
            if (!warned) {
                LOG.warnf("cannot read the consumer lag of group %s: %s", groupId, e.toString());
                warned = true;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private double lag() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.DOCS_CHANGES)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topics.DOCS_CHANGES).partitions().stream()
                .map(p -> new TopicPartition(Topics.DOCS_CHANGES, p.partition()))
                .toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        long lag = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            // a partition the group never committed is read from its start (auto.offset.reset=earliest)
            long position = c == null ? starts.get(p) : c.offset();
            lag += Math.max(0, ends.get(p) - position);
        }
        return lag;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    @PreDestroy
    void close() {
        refresher.shutdownNow();
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
