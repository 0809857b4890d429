package dev.tailor.finetune.registry;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The serving model per group: follows the compacted models.registry and publishes promotions to it. */
@ApplicationScoped
public class ModelRegistry {

    private final Map<String, ModelPromotion> current = new ConcurrentHashMap<>();
    private TopicFollower follower;

    @Inject
    KafkaSupport kafka;

    @jakarta.annotation.PostConstruct
    void start() {
        follower = kafka.follow(Topics.MODELS_REGISTRY, record -> {
            if (record.value() == null) {
                current.remove(record.key());
            } else {
                current.put(record.key(), read(record.value()));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
    }

    static ModelPromotion read(String json) {
        try {
            return KafkaSupport.JSON.readValue(json, ModelPromotion.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a ModelPromotion: " + e.getMessage(), e);
        }
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean replayed() {
        return follower != null && follower.isCaughtUp();
    }

    public void promote(ModelPromotion promotion) {
        kafka.send(Topics.MODELS_REGISTRY, promotion.groupId(), promotion);
        current.put(promotion.groupId(), promotion);
    }

    public Optional<ModelPromotion> current(String groupId) {
        return Optional.ofNullable(current.get(groupId));
    }

    public List<ModelPromotion> all() {
        return current.values().stream().sorted(Comparator.comparing(ModelPromotion::groupId)).toList();
    }
}
