package dev.tailor.query.routing;

import dev.tailor.contracts.ModelPromotion;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The serving model of each permission group, as last promoted on {@code models.registry}. A group's model is
 * trained on the group's documents, so it may answer only users holding a role of the group.
 */
public final class ModelRegistry {

    private final Collection<ModelPromotion> promotions;

    /** @param promotions the promotions in force (a live view is fine) */
    public ModelRegistry(Collection<ModelPromotion> promotions) {
        this.promotions = promotions;
    }

    /** The models a user holding {@code roles} may be answered by, best-scoring first (ties: group id). */
    public List<ModelPromotion> usableBy(Set<String> roles) {
        return promotions.stream()
                .filter(p -> p.modelId() != null && !p.modelId().isBlank())
                .filter(p -> p.roles() != null && p.roles().stream().anyMatch(roles::contains))
                .sorted(Comparator.comparingDouble(ModelPromotion::score).reversed()
                        .thenComparing(ModelPromotion::groupId))
                .toList();
    }

    /** The model that answers a user holding {@code roles} under the fine-tuned strategies, if any may. */
    public Optional<ModelPromotion> eligibleFor(Set<String> roles) {
        return usableBy(roles).stream().findFirst();
    }

    /** {@code modelId}, if a user holding {@code roles} may be answered by it. */
    public Optional<ModelPromotion> usable(String modelId, Set<String> roles) {
        return usableBy(roles).stream().filter(p -> p.modelId().equals(modelId)).findFirst();
    }
}
