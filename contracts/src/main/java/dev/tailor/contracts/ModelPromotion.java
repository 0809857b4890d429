package dev.tailor.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Value on the compacted {@link Topics#MODELS_REGISTRY}, key = {@code groupId}. The latest value is the group's
 * serving model; a tombstone withdraws it.
 *
 * @param roles the roles of the permission group: only their holders may be answered by this model
 */
public record ModelPromotion(
        String groupId,
        String modelId,
        String provider,
        String baseModel,
        List<String> roles,
        String corpusFingerprint,
        double score,
        Double previousScore,
        Instant promotedAt) {
}
