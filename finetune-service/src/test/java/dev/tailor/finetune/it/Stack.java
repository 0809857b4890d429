package dev.tailor.finetune.it;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.QueryMetric;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.testsupport.IndexSeed;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.TopicTail;
import dev.tailor.testsupport.TopicWriter;
import io.weaviate.client6.v1.api.WeaviateClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

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

    /** Writes a document's chunks as ingest-service would (vectors at random: nothing searches them), then announces it. */
    static void seed(String docId, List<String> roles, String title, List<String> texts, Instant at) throws Exception {
        Random random = new Random(docId.hashCode());
        List<IndexSeed.Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            float[] vector = new float[384];
            for (int v = 0; v < vector.length; v++) {
                vector[v] = random.nextFloat();
            }
            chunks.add(new IndexSeed.Chunk(docId, i, title, texts.get(i), roles, "c-" + docId + "-" + i, 20, vector));
        }
        try (WeaviateClient client = dev.tailor.testsupport.Stack.fromEnvironment().weaviate()) {
            IndexSeed.write(client, chunks);
        }
        indexed(docId, 1, roles, title, texts.size(), 20L * texts.size(), at);
    }

    /** The group's latest promotion on models.registry, read from the beginning. */
    static Optional<ModelPromotion> promotion(String groupId) {
        ModelPromotion found = null;
        for (var record : TopicTail.readAll(Topics.MODELS_REGISTRY)) {
            if (groupId.equals(record.key())) {
                try {
                    found = record.value() == null ? null : KafkaSupport.JSON.readValue(record.value(), ModelPromotion.class);
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
