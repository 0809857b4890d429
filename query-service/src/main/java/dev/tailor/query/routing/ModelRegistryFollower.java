package dev.tailor.query.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Topics;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.runtime.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows the compacted {@link Topics#MODELS_REGISTRY} from its beginning on every start, with manual partition
 * assignment and no consumer group: every replica must see the whole registry, not a share of it, and nothing
 * needs committing. A record that cannot be read is logged and skipped; it never stops the follower.
 */
@ApplicationScoped
public class ModelRegistryFollower {

    private static final Logger LOG = Logger.getLogger(ModelRegistryFollower.class);

    private final ModelRegistry registry = new ModelRegistry();
    private final AtomicBoolean running = new AtomicBoolean();
    private final QueryConfig config;
    private final ObjectMapper mapper;
    private final KafkaClients clients;
    private volatile KafkaConsumer<String, byte[]> consumer;

    ModelRegistryFollower(QueryConfig config, ObjectMapper mapper, KafkaClients clients) {
        this.config = config;
        this.mapper = mapper;
        this.clients = clients;
    }

    @Produces
    @Singleton
    ModelRegistry registry() {
        return registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.routing().enabled()) {
            LOG.info("model routing is disabled: finetuned and auto use no fine-tuned model");
            return;
        }
        running.set(true);
        Thread thread = new Thread(this::follow, "models-registry-follower");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running.set(false);
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void follow() {
        while (running.get()) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(Topics.MODELS_REGISTRY).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                LOG.infof("following %s (%d partitions) from the beginning", Topics.MODELS_REGISTRY, partitions.size());
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(config.routing().pollTimeout())) {
                        apply(r);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                LOG.warnf("following %s failed (%s); retrying in 5 s", Topics.MODELS_REGISTRY, e.toString());
                sleep(5000);
            }
        }
    }

    void apply(ConsumerRecord<String, byte[]> r) {
        try {
            registry.apply(r.key(), r.value() == null ? null : mapper.readValue(r.value(), ModelPromotion.class));
        } catch (Exception e) {
            LOG.warnf("skipping unreadable %s record at %s-%d@%d: %s", Topics.MODELS_REGISTRY, r.topic(),
                    r.partition(), r.offset(), e.getMessage());
        }
    }

    private Map<String, Object> consumerProperties() {
        return clients.settings(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "query-service-models-registry"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
