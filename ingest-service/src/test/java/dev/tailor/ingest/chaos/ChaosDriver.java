package dev.tailor.ingest.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailor.contracts.ObjectIds;
import dev.tailor.contracts.Topics;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.ingest.chunking.StructuredChunker;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.events.DeadLetterPublisher;
import dev.tailor.ingest.poison.PoisonCorpus;
import dev.tailor.ingest.poison.PoisonCorpus.End;
import dev.tailor.ingest.poison.PoisonCorpus.Poison;
import dev.tailor.ingest.support.DeadLetterTail;
import dev.tailor.ingest.support.IndexProbe;
import dev.tailor.ingest.support.SampleDocuments;
import dev.tailor.ingest.support.TestConfig;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.Stack;
import dev.tailor.testsupport.TopicTail;
import dev.tailor.testsupport.TopicWriter;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.query.Filter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@code dev/chaos} runs against the stack it points at (the environment's addresses): streams documents
 * whose chunk counts are known, checks afterwards that each document ends with exactly its chunks and its
 * docs.indexed record, and sends the poison corpus. Prints what it saw; exits 1 when something is missing.
 *
 * <pre>
 *   stream PREFIX DOCS RATE EXPECT_FILE     publish DOCS documents (v1, then v2 for every third) at RATE per second
 *   verify PREFIX EXPECT_FILE SECONDS       wait up to SECONDS for every document to be indexed exactly
 *   poison INGEST_URL SECONDS               the poison corpus with good events between; each must end where it should
 * </pre>
 */
public final class ChaosDriver {

    private static final StructuredChunker CHUNKER = new StructuredChunker(200, 30);

    public static void main(String[] args) throws Exception {
        int status = switch (args[0]) {
            case "stream" -> stream(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]), Path.of(args[4]));
            case "verify" -> verify(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            case "poison" -> poison(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
        System.exit(status);
    }

    private static int stream(String prefix, int docs, double rate, Path expect) throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        long start = System.nanoTime();
        int sent = 0;
        try (TopicWriter topic = new TopicWriter()) {
            for (int i = 0; i < docs; i++) {
                String docId = prefix + "-" + i;
                String content = SampleDocuments.markdown(SampleDocuments.paragraphs(docId, 1 + i % 3, 2));
                send(topic, docId, 1, content, expected);
                sent++;
                if (i % 3 == 2) {
                    String previous = prefix + "-" + (i - 1);
                    String edited = SampleDocuments.markdown(SampleDocuments.paragraphs(previous + "/v2", 1 + (i - 1) % 3, 3));
                    send(topic, previous, 2, edited, expected);
                    sent++;
                }
                long due = start + (long) ((i + 1) / rate * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        }
        Files.writeString(expect, expected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining("\n")) + "\n");
        System.out.printf("stream: %d changes of %d documents published in %.1f s%n", sent, docs,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** Publishes until the broker acknowledged it: a broker away is waited for, as a producer would. */
    private static void send(TopicWriter topic, String docId, long version, String content, Map<String, String> expected)
            throws InterruptedException {
        while (true) {
            try {
                topic.send(DocumentChanges.upsert(DocumentChanges.doc(docId, version, "Chaos " + docId, content, "public")));
                expected.put(docId, version + " " + CHUNKER.chunk("Chaos " + docId, content).size());
                return;
            } catch (IllegalStateException e) {
                System.out.printf("stream: %s not acknowledged (%s); again in 1 s%n", docId, e.getCause());
                Thread.sleep(1000);
            }
        }
    }

    private static int verify(String prefix, Path expect, int seconds) throws Exception {
        Map<String, long[]> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(expect)) {
            if (!line.isBlank()) {
                String[] f = line.split(" ");
                expected.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Report report;
        try (WeaviateClient weaviate = Stack.fromEnvironment().weaviate()) {
            do {
                report = report(weaviate, prefix, expected);
                if (report.ok()) {
                    break;
                }
                Thread.sleep(2000);
            } while (System.nanoTime() < deadline);
        }
        System.out.println(report);
        return report.ok() ? 0 : 1;
    }

    record Report(int documents, long expectedChunks, long chunks, List<String> wrong, int indexedRecords,
            List<String> notAnnounced, int announcedTwice) {
        boolean ok() {
            return wrong.isEmpty() && notAnnounced.isEmpty();
        }

        @Override
        public String toString() {
            return String.format("verify: %d documents, chunks %d found / %d expected, %d wrong%s; docs.indexed: %d "
                    + "records, %d changes not announced%s, %d announced more than once -> %s", documents, chunks,
                    expectedChunks, wrong.size(), wrong.isEmpty() ? "" : " " + wrong.subList(0, Math.min(5, wrong.size())),
                    indexedRecords, notAnnounced.size(), notAnnounced.isEmpty() ? "" : " "
                            + notAnnounced.subList(0, Math.min(5, notAnnounced.size())), announcedTwice,
                    ok() ? "OK" : "FAILED");
        }
    }

    private static Report report(WeaviateClient weaviate, String prefix, Map<String, long[]> expected) {
        Map<String, List<Integer>> indexes = new HashMap<>();
        var chunks = weaviate.collections.use(WeaviateSchema.CHUNK).query.fetchObjects(q -> q
                .filters(Filter.property(Props.DOC_ID).containsAny(List.copyOf(expected.keySet())))
                .returnProperties(Props.DOC_ID, Props.CHUNK_INDEX).limit(10_000));
        for (var o : chunks.objects()) {
            indexes.computeIfAbsent((String) o.properties().get(Props.DOC_ID), k -> new ArrayList<>())
                    .add(((Number) o.properties().get(Props.CHUNK_INDEX)).intValue());
        }
        Map<String, Long> versions = new HashMap<>();
        var documents = weaviate.collections.use(WeaviateSchema.DOCUMENT).query.fetchObjects(q -> q
                .filters(Filter.property(Props.DOC_ID).containsAny(List.copyOf(expected.keySet())))
                .returnProperties(Props.DOC_ID, Props.VERSION).limit(10_000));
        for (var o : documents.objects()) {
            versions.put((String) o.properties().get(Props.DOC_ID), ((Number) o.properties().get(Props.VERSION)).longValue());
        }
        List<String> wrong = new ArrayList<>();
        long expectedChunks = 0;
        long found = 0;
        for (var e : expected.entrySet()) {
            long version = e.getValue()[0];
            int count = (int) e.getValue()[1];
            expectedChunks += count;
            List<Integer> got = indexes.getOrDefault(e.getKey(), List.of());
            found += got.size();
            Set<Integer> distinct = new HashSet<>(got);
            boolean exact = got.size() == count && distinct.size() == count
                    && distinct.stream().allMatch(i -> i >= 0 && i < count);
            if (!exact || versions.getOrDefault(e.getKey(), -1L) != version) {
                wrong.add(e.getKey() + " v" + versions.getOrDefault(e.getKey(), -1L) + "/" + version + " chunks "
                        + got.size() + "/" + count + ", " + storedById(e.getKey(), count) + " stored by id");
            }
        }
        Map<String, Integer> announced = new HashMap<>();
        int records = 0;
        for (ConsumerRecord<String, byte[]> r : TopicTail.readAll(Topics.DOCS_INDEXED)) {
            if (r.key() != null && r.key().startsWith(prefix + "-") && r.value() != null) {
                records++;
                try {
                    JsonNode json = TopicWriter.JSON.readTree(r.value());
                    announced.merge(r.key() + " v" + json.get("version").asLong(), 1, Integer::sum);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        List<String> notAnnounced = new ArrayList<>();
        for (var e : expected.entrySet()) {
            for (long v = 1; v <= e.getValue()[0]; v++) {
                // v1 of an edited document may be skipped when v2 arrived in the same poll: only the last is required
                if (v == e.getValue()[0] && !announced.containsKey(e.getKey() + " v" + v)) {
                    notAnnounced.add(e.getKey() + " v" + v);
                }
            }
        }
        int twice = (int) announced.values().stream().filter(n -> n > 1).count();
        return new Report(expected.size(), expectedChunks, found, wrong, records, notAnnounced, twice);
    }

    /**
     * How many of the document's chunk objects Weaviate holds when asked by id, which reads the object itself: more
     * than its filters find means objects without their filter entries, as a kill in the middle of a batch leaves.
     */
    private static long storedById(String docId, int count) {
        URI weaviate = Stack.fromEnvironment().weaviateUrl();
        return IntStream.range(0, count)
                .filter(i -> IndexProbe.storedById(weaviate, WeaviateSchema.CHUNK, ObjectIds.chunk(docId, i).toString()))
                .count();
    }

    private static int poison(String ingestUrl, int seconds) throws Exception {
        IngestConfig config = TestConfig.ingest(Map.of());
        List<Poison> corpus = PoisonCorpus.all(config.limits(), PoisonCorpus.brokerRecordLimit());
        try (DeadLetterTail dlq = new DeadLetterTail(); WeaviateClient weaviate = Stack.fromEnvironment().weaviate()) {
            long start = System.nanoTime();
            List<String> good = PoisonCorpus.publishWithGoodEvents(corpus, "public");
            Map<String, String> seen = new LinkedHashMap<>();
            long deadline = start + seconds * 1_000_000_000L;
            var docs = weaviate.collections.use(WeaviateSchema.DOCUMENT);
            Predicate<String> indexed = docId -> docs.query.fetchObjectById(ObjectIds.document(docId).toString()).isPresent();
            while (System.nanoTime() < deadline) {
                for (Poison p : corpus) {
                    if (seen.containsKey(p.kind())) {
                        continue;
                    }
                    var dead = dlq.withKey(p.record().key());
                    if (!dead.isEmpty()) {
                        String limit = TopicTail.header(dead.get(0).headers(), DeadLetterPublisher.LIMIT);
                        seen.put(p.kind(), "dead-lettered" + (limit == null ? "" : " (" + limit + ")"));
                    } else if (indexed.test(p.docId())) {
                        seen.put(p.kind(), "indexed");
                    }
                }
                if (seen.size() == corpus.size() && good.stream().allMatch(indexed)) {
                    break;
                }
                Thread.sleep(2000);
            }
            int wrong = 0;
            for (Poison p : corpus) {
                String end = seen.getOrDefault(p.kind(), "nowhere yet");
                boolean ok = p.end() == End.INDEXED ? end.equals("indexed")
                        : end.startsWith("dead-lettered") && (p.limit() == null || end.contains(p.limit()));
                wrong += ok ? 0 : 1;
                System.out.printf("poison %-30s %-60s %s%n", p.kind(), end, ok ? "ok" : "WRONG (expected " + p.end() + ")");
            }
            long goodIndexed = good.stream().filter(indexed).count();
            String live = get(ingestUrl + "/q/health/live");
            String ready = get(ingestUrl + "/q/health/ready");
            System.out.printf("poison: %d kinds, %d where expected, %d good events indexed of %d, in %.0f s; ingest live: %s, "
                    + "ready: %s%n", corpus.size(), corpus.size() - wrong, goodIndexed, good.size(),
                    (System.nanoTime() - start) / 1e9, live, ready);
            return wrong == 0 && goodIndexed == good.size() && live.equals("UP") && ready.equals("UP") ? 0 : 1;
        }
    }

    private static String get(String url) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return TopicWriter.JSON.readTree(r.body()).get("status").asText();
        } catch (Exception e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }
}
