package dev.tailor.finetune.dataset;

import dev.tailor.contracts.Roles;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.groups.PermissionGroup;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.query.Filter;
import io.weaviate.client6.v1.api.collections.query.SortBy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads a group's training corpus from Weaviate: {@code allowedRoles containsAny [group roles…] AND containsNone
 * [public]} ({@code containsAny [public]} for the public group) — always a subset of what query-service lets the
 * group's users read ({@code containsAny [roles…, public]}). Pages by offset (Weaviate's cursor does not
 * combine with filters), sorted by docId and chunk index for a stable order.
 */
@ApplicationScoped
public class ChunkSnapshot {

    static final int PAGE = 200;

    private final WeaviateClient weaviate;
    private final FinetuneConfig config;

    ChunkSnapshot(WeaviateClient weaviate, FinetuneConfig config) {
        this.weaviate = weaviate;
        this.config = config;
    }

    public List<SnapshotChunk> of(PermissionGroup group) {
        var chunks = weaviate.collections.use(WeaviateSchema.CHUNK);
        Filter readable = trainingCorpus(group);
        List<SnapshotChunk> result = new ArrayList<>();
        for (int offset = 0; offset < config.dataset().maxChunks(); offset += PAGE) {
            int from = offset;
            var page = chunks.query.fetchObjects(q -> q.filters(readable).limit(PAGE).offset(from)
                    .sort(SortBy.property(Props.DOC_ID), SortBy.property(Props.CHUNK_INDEX))
                    .returnProperties(Props.DOC_ID, Props.CHUNK_INDEX, Props.TITLE, Props.TEXT)).objects();
            for (var object : page) {
                result.add(toChunk(object.properties()));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        result.sort(Comparator.comparing(SnapshotChunk::docId).thenComparingInt(SnapshotChunk::chunkIndex));
        return result;
    }

    /** The Weaviate form of {@link PermissionGroup#trainsOn}: a subset of what the group's users may read. */
    static Filter trainingCorpus(PermissionGroup group) {
        if (group.isPublicGroup()) {
            return Filter.property(Props.ALLOWED_ROLES).containsAny(List.of(Roles.PUBLIC));
        }
        return Filter.and(Filter.property(Props.ALLOWED_ROLES).containsAny(group.roles()),
                Filter.property(Props.ALLOWED_ROLES).containsNone(List.of(Roles.PUBLIC)));
    }

    private static SnapshotChunk toChunk(Map<String, Object> p) {
        Object index = p.get(Props.CHUNK_INDEX);
        return new SnapshotChunk(String.valueOf(p.get(Props.DOC_ID)),
                index instanceof Number n ? n.intValue() : 0,
                p.get(Props.TITLE) == null ? "" : String.valueOf(p.get(Props.TITLE)),
                p.get(Props.TEXT) == null ? "" : String.valueOf(p.get(Props.TEXT)));
    }
}
