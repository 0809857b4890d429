package dev.tailor.finetune.registry;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.kafka.CompactedStates;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.runtime.kafka.CompactedTopicState;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The serving model per group: follows the compacted models.registry and publishes promotions to it. */
@ApplicationScoped
public class ModelRegistry {

    private final KafkaSupport kafka;
    private final CompactedTopicState<ModelPromotion> current;

    ModelRegistry(KafkaSupport kafka, CompactedStates states) {
        this.kafka = kafka;
        // the last promotion published wins, whoever published it
        this.current = states.follow(Topics.MODELS_REGISTRY, CompactedStates.json(ModelPromotion.class), (a, b) -> 0);
    }

    void stop(@Observes ShutdownEvent event) {
        current.close();
    }

    public boolean replayed() {
        return current.replayed();
    }

    public void promote(ModelPromotion promotion) {
        kafka.send(Topics.MODELS_REGISTRY, promotion.groupId(), promotion);
        current.put(promotion.groupId(), promotion);
    }

    public Optional<ModelPromotion> current(String groupId) {
        return current.get(groupId);
    }

    public List<ModelPromotion> all() {
        return current.values().values().stream().sorted(Comparator.comparing(ModelPromotion::groupId)).toList();
    }
}
