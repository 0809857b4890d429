package dev.tailor.runtime.rag;

import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.runtime.embedding.IndexEmbedding;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionHandle;
import io.weaviate.client6.v1.api.collections.WeaviateObject;
import io.weaviate.client6.v1.api.collections.query.Filter;
import io.weaviate.client6.v1.api.collections.query.Metadata;
import io.weaviate.client6.v1.api.collections.query.NearVector;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Role-filtered hybrid search over {@link WeaviateSchema#CHUNK}: BM25 over title and text plus the question's
 * vector, with {@code allowedRoles containsAny <roles>} inside the query. Weaviate applies the filter to both legs
 * before ranking, so a chunk the user may not read never leaves the database; nothing is filtered afterwards.
 * Times its two parts (embedding the question, the search) on the service's meter registry.
 */
@ApplicationScoped
public class ChunkRetriever {

    private static final Logger LOG = Logger.getLogger(ChunkRetriever.class);

    private final CollectionHandle<Map<String, Object>> chunks;
    private final IndexEmbedding embedder;
    private final IndexGuard guard;
    private final RagConfig config;
    private final Timer embedding;
    private final Timer retrieval;

    ChunkRetriever(WeaviateClient client, IndexEmbedding embedder, IndexGuard guard, RagConfig config,
                   MeterRegistry registry) {
        this.chunks = client.collections.use(WeaviateSchema.CHUNK);
        this.embedder = embedder;
        this.guard = guard;
        this.config = config;
        this.embedding = Timer.builder("tailor.query.embedding").description("Embedding a question")
                .publishPercentileHistogram().register(registry);
        this.retrieval = Timer.builder("tailor.query.retrieval").description("Role-filtered hybrid search in Weaviate")
                .publishPercentileHistogram().register(registry);
    }

    /** The {@code topK} best chunks readable with {@code roles}, best first. */
    @WithSpan("retrieve")
    public List<RetrievedChunk> search(String question, int topK, Collection<String> roles) {
        if (roles.isEmpty()) {
            return List.of(); // unreachable with CurrentUser (public is always there), but fail closed anyway
        }
        guard.requireServable();
        float[] vector = embedding.record(() -> embedder.embed(question));
        List<String> roleList = List.copyOf(roles);
        var response = retrieval.record(() -> {
            try {
                return chunks.query.hybrid(question, h -> h
                        .queryProperties(Props.TITLE, Props.TEXT)
                        .nearVector(NearVector.of(vector))
                        .alpha(config.retrieval().alpha())
                        .filters(Filter.property(Props.ALLOWED_ROLES).containsAny(roleList))
                        .limit(topK)
                        .returnProperties(Props.DOC_ID, Props.CHUNK_INDEX, Props.TITLE, Props.TEXT,
                                Props.TOKEN_COUNT, Props.ALLOWED_ROLES)
                        .returnMetadata(Metadata.SCORE));
            } catch (RuntimeException e) {
                LOG.warnf("hybrid search failed: %s", e.toString());
                throw new IndexUnavailableException("the search index is unavailable; try again later");
            }
        });
        List<RetrievedChunk> results = new ArrayList<>(response.objects().size());
        for (WeaviateObject<Map<String, Object>> o : response.objects()) {
            results.add(toChunk(o));
        }
        return results;
    }

    private static RetrievedChunk toChunk(WeaviateObject<Map<String, Object>> o) {
        Map<String, Object> p = o.properties();
        Float score = o.queryMetadata() == null ? null : o.queryMetadata().score();
        return new RetrievedChunk(
                string(p.get(Props.DOC_ID)),
                number(p.get(Props.CHUNK_INDEX)),
                string(p.get(Props.TITLE)),
                string(p.get(Props.TEXT)),
                score == null ? 0 : score,
                number(p.get(Props.TOKEN_COUNT)),
                roles(p.get(Props.ALLOWED_ROLES)));
    }

    private static String string(Object v) {
        return v == null ? "" : v.toString();
    }

    private static int number(Object v) {
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static List<String> roles(Object v) {
        if (v instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        if (v instanceof Object[] a) {
            return java.util.Arrays.stream(a).map(String::valueOf).toList();
        }
        return List.of();
    }
}
