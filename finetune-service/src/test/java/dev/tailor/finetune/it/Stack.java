package dev.tailor.finetune.it;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.QueryMetric;
import dev.tailor.contracts.Topics;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.testsupport.IndexSeed;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.TopicTail;
import dev.tailor.testsupport.TopicWriter;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.WeaviateObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What finetune-service's tests write to the real Kafka and Weaviate, the way ingest and query-service would. */
final class Stack {

    private Stack() {
    }

    static void send(String topic, String key, Object value) {
        TopicWriter.publishJson(topic, key, value);
    }

    static void indexed(String docId, long version, List<String> roles, String title, int chunks, long tokens, Instant at) {
        send(Topics.DOCS_INDEXED, docId, new DocumentIndexed(docId, version, DocumentIndexed.Op.UPSERTED, roles, title,
                "hash-" + docId + "-" + version, chunks, tokens, chunks, 0, at, at));
    }

    static void metric(List<String> roles, long retrieved, boolean answered, long prompt, long completion) {
        send(Topics.QUERIES_METRICS, null, new QueryMetric(roles, "ask", "rag", "extractive", answered ? 3 : 0, retrieved,
                answered, prompt, completion, 12, Instant.now()));
    }

    /**
     * Writes a document's chunks as ingest-service would, embedded with the index's model (the evaluator searches
     * them), and announces it on docs.indexed.
     */
    static void seed(String docId, List<String> roles, String title, List<String> texts, Instant at,
                     Function<List<String>, List<float[]>> embed) throws Exception {
        List<float[]> vectors = embed.apply(texts);
        List<IndexSeed.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            chunks.add(new IndexSeed.Chunk(docId, i, title, texts.get(i), roles, "c-" + docId + "-" + i, 20, vectors.get(i)));
        }
        try (WeaviateClient client = dev.tailor.testsupport.Stack.fromEnvironment().weaviate()) {
            IndexSeed.write(client, chunks);
        }
        indexed(docId, 1, roles, title, texts.size(), 20L * texts.size(), at);
    }

    /** A document object in the index and nothing on docs.indexed: a document whose events have expired. */
    static void inIndexOnly(String docId, long version, List<String> roles, int chunks, Instant updatedAt) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put(Props.DOC_ID, docId);
        p.put(Props.VERSION, version);
        p.put(Props.TITLE, "Old " + docId);
        p.put(Props.ALLOWED_ROLES, roles);
        p.put(Props.CONTENT_HASH, "h-" + docId);
        p.put(Props.CHUNK_COUNT, chunks);
        p.put(Props.TOKEN_COUNT, 100L * chunks);
        p.put(Props.DELETED, false);
        p.put(Props.UPDATED_AT, updatedAt.toString());
        try (WeaviateClient client = dev.tailor.testsupport.Stack.fromEnvironment().weaviate()) {
            var response = client.collections.use(WeaviateSchema.DOCUMENT).data.insertMany(List.of(WeaviateObject.of(o ->
                    o.uuid(dev.tailor.contracts.ObjectIds.document(docId).toString()).properties(p))));
            if (!response.errors().isEmpty()) {
                throw new IllegalStateException("Weaviate refused the document: " + response.errors());
            }
        }
    }

    /** The group's latest promotion on models.registry, read from the beginning. */
    static Optional<ModelPromotion> promotion(String groupId) {
        return latest(Topics.MODELS_REGISTRY, groupId, ModelPromotion.class);
    }

    static Optional<GroupEvaluation> evaluation(String groupId) {
        return latest(Topics.MODELS_EVALUATIONS, groupId, GroupEvaluation.class);
    }

    private static <T> Optional<T> latest(String topic, String key, Class<T> type) {
        T found = null;
        for (var record : TopicTail.readAll(topic)) {
            if (key.equals(record.key())) {
                try {
                    found = record.value() == null ? null : KafkaSupport.JSON.readValue(record.value(), type);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.ofNullable(found);
    }

    static String token(String user) {
        return Tokens.of(user);
    }

    static String runId() {
        return java.util.UUID.randomUUID().toString().substring(0, 6);
    }
}
