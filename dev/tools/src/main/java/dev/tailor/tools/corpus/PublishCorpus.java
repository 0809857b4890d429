package dev.tailor.tools.corpus;

import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.Topics;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.testsupport.Stack;
import io.weaviate.client6.v1.api.WeaviateClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Publishes every document of a corpus folder to {@code docs.changes} as structured CloudEvents, the way a
 * producer must. A document's version is its file's modification time, so republishing an unchanged corpus is
 * ignored by ingest-service and an edited file supersedes what is indexed.
 * <p>
 * {@code publish-corpus <dir> [--bootstrap host:port] [--wait-indexed]}
 */
public final class PublishCorpus {

    private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(3);

    private PublishCorpus() {
    }

    public static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: publish-corpus <dir> [--bootstrap host:port] [--wait-indexed]");
            return 2;
        }
        Stack stack = Stack.fromEnvironment();
        Path dir = Path.of(args[0]);
        String bootstrap = stack.kafkaBootstrap();
        boolean waitIndexed = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[++i];
                case "--wait-indexed" -> waitIndexed = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<CorpusDocument> documents;
        try (Stream<Path> files = Files.walk(dir)) {
            documents = files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .sorted().map(CorpusDocument::read).toList();
        }
        Map<String, Long> published = publish(bootstrap, documents);
        System.out.printf("published %d documents to %s%n", published.size(), Topics.DOCS_CHANGES);
        if (waitIndexed) {
            try (WeaviateClient weaviate = stack.weaviate()) {
                waitUntilIndexed(weaviate, published);
            }
        }
        return 0;
    }

    static Map<String, Long> publish(String bootstrap, List<CorpusDocument> documents) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<String, Long> versions = new HashMap<>();
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (CorpusDocument doc : documents) {
                long version = Files.getLastModifiedTime(doc.path()).toMillis();
                var record = new ProducerRecord<>(Topics.DOCS_CHANGES, doc.docId(),
                        DocumentChangeEvents.structured(DocumentChangeEvents.upserted(doc.toEvent(version))));
                record.headers().add("content-type", DocumentChangeEvents.STRUCTURED_CONTENT_TYPE.getBytes());
                producer.send(record).get();
                versions.put(doc.docId(), version);
            }
        }
        return versions;
    }

    static void waitUntilIndexed(WeaviateClient weaviate, Map<String, Long> versions) throws Exception {
        var documents = weaviate.collections.use(WeaviateSchema.DOCUMENT);
        Instant deadline = Instant.now().plus(INDEX_TIMEOUT);
        Map<String, Long> pending = new HashMap<>(versions);
        while (!pending.isEmpty()) {
            pending.entrySet().removeIf(e -> documents.query.fetchObjectById(ObjectIds.document(e.getKey()).toString())
                    .map(o -> ((Number) o.properties().get(WeaviateSchema.Props.VERSION)).longValue() >= e.getValue())
                    .orElse(false));
            if (pending.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(pending.size() + " documents were not indexed within " + INDEX_TIMEOUT
                        + " (is ingest-service running? see .dev/logs/ingest-service.log): " + pending.keySet());
            }
            Thread.sleep(500);
        }
        System.out.printf("all %d documents are searchable%n", versions.size());
    }
}
