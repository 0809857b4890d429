package dev.tailor.query.routing;

import dev.tailor.contracts.ModelPromotion;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The serving model of each permission group, as last promoted on {@code models.registry}. */
public class ModelRegistry {

    private final Map<String, ModelPromotion> byGroup = new ConcurrentHashMap<>();

    /** Applies one registry record; a null promotion (tombstone) withdraws the group's model. */
    public void apply(String groupId, ModelPromotion promotion) {
        if (groupId == null) {
            return;
        }
        if (promotion == null) {
            byGroup.remove(groupId);
        } else {
            byGroup.put(groupId, promotion);
        }
    }

    public Collection<ModelPromotion> all() {
        return byGroup.values();
    }

    /**
     * The model that may answer a user holding {@code roles}: one whose group has a role the user holds. When
     * several groups qualify, the best-scoring model wins (ties: group id), so the choice is stable.
     */
    public Optional<ModelPromotion> eligibleFor(Set<String> roles) {
        return byGroup.values().stream()
                .filter(p -> p.roles() != null && p.roles().stream().anyMatch(roles::contains))
                .filter(p -> p.modelId() != null && !p.modelId().isBlank())
                .max(Comparator.comparingDouble(ModelPromotion::score)
                        .thenComparing(ModelPromotion::groupId, Comparator.reverseOrder()));
    }
}
