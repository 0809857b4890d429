package dev.tailor.finetune.it;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.IndexEmbedding;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.QueryMetric;
import dev.tailor.contracts.Topics;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.finetune.kafka.KafkaSupport;
import io.restassured.RestAssured;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.Vectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;

/** Test helpers that write to the real Kafka and Weaviate the way ingest and query-service would. */
final class Stack {

    static final String KAFKA = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    private Stack() {
    }

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static void send(String topic, String key, Object value) {
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, KafkaSupport.JSON.writeValueAsString(value))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void indexed(String docId, long version, List<String> roles, String title, int chunks, long tokens, Instant at) {
        send(Topics.DOCS_INDEXED, docId, new DocumentIndexed(docId, version, DocumentIndexed.Op.UPSERTED, roles, title,
                "hash-" + docId + "-" + version, chunks, tokens, chunks, 0, at, at));
    }

    static void metric(List<String> roles, long retrieved, boolean answered, long prompt, long completion) {
        send(Topics.QUERIES_METRICS, null, new QueryMetric(roles, "ask", "rag", "extractive", answered ? 3 : 0, retrieved,
                answered, prompt, completion, 12, Instant.now()));
    }

    static WeaviateClient weaviate() {
        var url = java.net.URI.create(System.getenv().getOrDefault("WEAVIATE_URL", "http://127.0.0.1:8090"));
        int grpc = Integer.parseInt(System.getenv().getOrDefault("WEAVIATE_GRPC_PORT", "50051"));
        return WeaviateClient.connectToCustom(c -> c.scheme(url.getScheme()).httpHost(url.getHost()).httpPort(url.getPort())
                .grpcHost(url.getHost()).grpcPort(grpc));
    }

    /** Writes a document's chunks as ingest-service would, then announces it on docs.indexed. */
    static void seed(String docId, List<String> roles, String title, List<String> texts, Instant at) throws Exception {
        try (WeaviateClient client = weaviate()) {
            WeaviateSchema.ensure(client, IndexEmbedding.DEFAULT_MODEL);
            var chunks = client.collections.use(WeaviateSchema.CHUNK);
            Random random = new Random(docId.hashCode());
            for (int i = 0; i < texts.size(); i++) {
                Map<String, Object> props = new HashMap<>();
                props.put(Props.DOC_ID, docId);
                props.put(Props.CHUNK_INDEX, i);
                props.put(Props.TITLE, title);
                props.put(Props.TEXT, texts.get(i));
                props.put(Props.ALLOWED_ROLES, roles);
                props.put(Props.CONTENT_HASH, "c-" + docId + "-" + i);
                props.put(Props.TOKEN_COUNT, 20);
                props.put(Props.VERSION, 1);
                float[] vector = new float[384];
                for (int v = 0; v < vector.length; v++) {
                    vector[v] = random.nextFloat();
                }
                String id = ObjectIds.chunk(docId, i).toString();
                chunks.data.insert(props, o -> o.uuid(id).vectors(Vectors.of(vector)));
            }
        }
        indexed(docId, 1, roles, title, texts.size(), 20L * texts.size(), at);
    }

    /** The group's latest promotion on models.registry, read from the beginning. */
    static Optional<ModelPromotion> promotion(String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA);
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(Topics.MODELS_REGISTRY).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            ModelPromotion found = null;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (groupId.equals(record.key())) {
                        found = record.value() == null ? null
                                : KafkaSupport.JSON.readValue(record.value(), ModelPromotion.class);
                    }
                }
            }
            return Optional.ofNullable(found);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String user) {
        String issuer = System.getenv().getOrDefault("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:8180/realms/tailor");
        return RestAssured.given().baseUri(issuer)
                .formParam("grant_type", "password").formParam("client_id", "tailor-gateway")
                .formParam("username", user).formParam("password", user)
                .post("/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static String runId() {
        return java.util.UUID.randomUUID().toString().substring(0, 6);
    }
}
