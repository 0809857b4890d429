package dev.tailor.finetune.dataset;

import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.finetune.config.FinetuneConfig;
import dev.tailor.finetune.groups.PermissionGroup;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.query.Filter;
import io.weaviate.client6.v1.api.collections.query.SortBy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads the chunks a group may read from Weaviate, with the same filter query-service applies to the group's
 * users: {@code allowedRoles containsAny [group roles…, public]}. Pages by offset (Weaviate's cursor does not
 * combine with filters), sorted by docId and chunk index for a stable order.
 */
@ApplicationScoped
public class ChunkSnapshot {

    static final int PAGE = 200;

    @Inject
    WeaviateClient weaviate;

    @Inject
    FinetuneConfig config;

    public List<SnapshotChunk> of(PermissionGroup group) {
        var chunks = weaviate.collections.use(WeaviateSchema.CHUNK);
        Filter readable = Filter.property(Props.ALLOWED_ROLES).containsAny(group.readableVia().toArray(String[]::new));
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

    private static SnapshotChunk toChunk(Map<String, Object> p) {
        Object index = p.get(Props.CHUNK_INDEX);
        return new SnapshotChunk(String.valueOf(p.get(Props.DOC_ID)),
                index instanceof Number n ? n.intValue() : 0,
                p.get(Props.TITLE) == null ? "" : String.valueOf(p.get(Props.TITLE)),
                p.get(Props.TEXT) == null ? "" : String.valueOf(p.get(Props.TEXT)));
    }
}
