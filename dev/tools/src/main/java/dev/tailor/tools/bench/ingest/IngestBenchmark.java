package dev.tailor.tools.bench.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.contracts.DocumentChangeEvents;
import dev.tailor.contracts.DocumentDeleted;
import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.contracts.Topics;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.testsupport.Stack;
import dev.tailor.tools.bench.CpuUsage;
import dev.tailor.tools.bench.RunSeries;
import io.cloudevents.CloudEvent;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.query.Filter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Ingest benchmark against the real stack and a running ingest-service (run by {@code dev/bench ingest}); prints
 * figures, asserts nothing. "Searchable" is the {@code indexedTime} ingest-service reports on docs.indexed, taken
 * after Weaviate accepted the write.
 *
 * <ol>
 *   <li>(a) N documents of 1–2 KB published at once: seconds until all are searchable and chunks/s; then, in the same
 *   process, raw {@code embedAll} throughput of the same chunk texts (read back from the index) with the class and
 *   executor size ingest-service embeds with.</li>
 *   <li>(b) a one-paragraph edit of a 50-chunk document: chunks embedded.</li>
 *   <li>(c) a steady 20 documents/s (or each of several rates): p50/p99 from event time to searchable, whether the
 *   rate was sustained, and the rate the embedding bounds this machine to.</li>
 * </ol>
 * Documents are English prose in the sample corpus' vocabulary ({@link ProseGenerator}).
 * Environment: {@code BENCH_PARTS} (which of a, b, c to run; default abc), {@code BENCH_WARMUP_DOCS} (default 300),
 * {@code BENCH_CORPUS} (default dev/corpus), {@code BENCH_DOCS} (a, default 500: long enough that the first poll and the
 * last write are a small part of it), {@code BENCH_RUNS} (a, default 1: runs of (a) in a row, then their median and
 * range), {@code BENCH_RESULTS} (a file each run of (a) appends its ratio to), {@code BENCH_RATE} (c, documents/s,
 * default 20; a comma-separated list runs each rate in turn) and {@code BENCH_SECONDS} (c, default 30 per rate),
 * {@code TAILOR_EMBEDDING_THREADS} (raw executor, default 2), {@code TAILOR_INGEST_GROUP_ID},
 * {@code BENCH_EXPORT_DIR} (if set, the documents of (a) and (b) and this run's figures are written there as
 * {@code a.jsonl}, {@code b.jsonl} and {@code figures.json}, for the peer run of {@code dev/bench ingest --peer}).
 */
public final class IngestBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Stack stack = Stack.fromEnvironment();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, String> indexed;
    private final Map<String, List<DocumentIndexed>> seen = new HashMap<>();
    /** Newest version published per document of this run. */
    private final Map<String, Long> published = new LinkedHashMap<>();
    private final ProseGenerator prose = ProseGenerator.fromCorpus(Path.of(env("BENCH_CORPUS", "dev/corpus")));
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private IngestBenchmark() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        indexed = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = indexed.partitionsFor(Topics.DOCS_INDEXED).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        indexed.assign(partitions);
        indexed.seekToEnd(partitions);
        partitions.forEach(indexed::position);
    }

    public static void main(String[] args) throws Exception {
        IngestBenchmark bench = new IngestBenchmark();
        bench.awaitNoLag();
        bench.warmUp(intEnv("BENCH_WARMUP_DOCS", 300));
        String parts = env("BENCH_PARTS", "abc");
        if (parts.contains("a")) {
            int runs = intEnv("BENCH_RUNS", 1);
            List<Double> ratios = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                ratios.add(bench.throughput(intEnv("BENCH_DOCS", 500), i, runs));
            }
            if (runs > 1) {
                System.out.printf("%n(a) pipeline / raw over %d runs: %s%n", runs, RunSeries.describe(ratios));
            }
        }
        if (parts.contains("b")) {
            bench.localEdit();
        }
        if (parts.contains("c")) {
            bench.freshness(intsEnv("BENCH_RATE", List.of(20)), intEnv("BENCH_SECONDS", 30));
        }
        bench.removeOurDocuments();
        export("figures.json", List.of(bench.figures));
        bench.producer.close();
        bench.indexed.close();
    }

    /** Backlog from before the run would be counted as our latency: wait until the service consumed it. */
    private void awaitNoLag() throws Exception {
        String group = env("TAILOR_INGEST_GROUP_ID", "ingest-service");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .filter(tp -> tp.topic().equals(Topics.DOCS_CHANGES))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                long lag = 0;
                for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    lag += e.getValue().offset() - (c == null ? 0 : c.offset());
                }
                if (latest.isEmpty()) {
                    System.out.printf("(consumer group %s has no committed offsets yet; assuming no backlog)%n", group);
                    return;
                }
                if (lag <= 0) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("ingest-service still lags " + lag + " records behind");
                }
                System.out.printf("waiting for ingest-service (group %s) to catch up: lag %d%n", group, lag);
                Thread.sleep(2000);
            }
        }
    }

    /**
     * Documents through the whole pipeline before anything is measured: the benchmark's own JVM and a freshly started
     * service spend their first seconds compiling (JIT), on the same two cores the pipeline needs.
     */
    private void warmUp(int docs) throws Exception {
        if (docs <= 0) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            String docId = "bench-" + run + "-w" + i;
            ids.add(docId);
            publish(docId, 1, "Warm-up " + i, prose.document(docId, 1500));
        }
        awaitAll(ids, 1, Duration.ofMinutes(5));
        System.out.printf("warm-up: %d documents through the pipeline%n", docs);
    }

    // (a) ----------------------------------------------------------------------------------------------------
    /** One run of (a); returns pipeline / raw. */
    private double throughput(int docs, int runNumber, int runs) throws Exception {
        String label = runs > 1 ? " run " + runNumber + " of " + runs + ":" : "";
        System.out.printf("%n(a)%s %d documents of 1-2 KB published at once (load average %s)%n", label, docs,
                loadAverage());
        List<String> ids = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        Random sizes = new Random(42L + runNumber);
        long bytes = 0;
        for (int i = 0; i < docs; i++) {
            String docId = "bench-" + run + "-a" + runNumber + "-" + i;
            ids.add(docId);
            contents.add(prose.document(docId, 1024 + sizes.nextInt(1025)));
            bytes += contents.get(i).getBytes(StandardCharsets.UTF_8).length;
        }
        List<Map<String, Object>> exported = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            exported.add(Map.of("docId", ids.get(i), "title", "Bench " + i, "text", contents.get(i)));
        }
        export("a.jsonl", exported);
        CpuUsage cpuBefore = CpuUsage.now("ingest-service");
        Instant start = Instant.now();
        for (int i = 0; i < docs; i++) {
            publish(ids.get(i), 1, "Bench " + i, contents.get(i));
        }
        producer.flush();
        Map<String, DocumentIndexed> done = awaitAll(ids, 1, Duration.ofMinutes(10));
        CpuUsage cpuAfter = CpuUsage.now("ingest-service");
        Instant last = done.values().stream().map(DocumentIndexed::indexedTime).max(Instant::compareTo).orElseThrow();
        int chunks = done.values().stream().mapToInt(DocumentIndexed::chunkCount).sum();
        int embedded = done.values().stream().mapToInt(DocumentIndexed::chunksEmbedded).sum();
        long tokens = done.values().stream().mapToLong(DocumentIndexed::tokenCount).sum();
        double seconds = Duration.between(start, last).toMillis() / 1000.0;
        double pipelineRate = chunks / seconds;
        System.out.printf("    avg document %d bytes; %d chunks of ~%d estimated tokens%n", bytes / docs, chunks,
                tokens / chunks);
        System.out.printf("    pipeline: all %d searchable after %.2f s: %d chunks embedded, %.1f chunks/s%n",
                docs, seconds, embedded, pipelineRate);

        // the very texts the pipeline embedded, as the index holds them
        List<String> texts = chunkTexts(ids);
        double rawRate = rawEmbedRate(texts);
        double ratio = pipelineRate / rawRate;
        System.out.printf("    raw embedAll of the same %d chunk texts on %d threads: %.1f chunks/s%n", texts.size(),
                intEnv("TAILOR_EMBEDDING_THREADS", 2), rawRate);
        System.out.printf("    pipeline / raw = %.2f (goals: >= 0.95 on a warm service, >= 0.85 on the first run after a"
                + " start; load average now %s)%n", ratio, loadAverage());
        figures.put(runs > 1 ? "a" + runNumber : "a", Map.of("documents", docs, "seconds", seconds, "chunks", chunks,
                "chunksPerSecond", pipelineRate, "rawChunksPerSecond", rawRate));
        appendResult(ratio);
        printCpu("during the pipeline run", cpuBefore, cpuAfter, embedded, Long.MAX_VALUE);
        return ratio;
    }

    /** Where the cores went between two readings: the embedding's share, then the first {@code lines} components. */
    private static void printCpu(String when, CpuUsage before, CpuUsage after, int embedded, long lines) {
        System.out.println("    CPU " + when + ":");
        System.out.println("      " + embeddingShare(before, after, embedded));
        after.since(before).stream().limit(lines).forEach(line -> System.out.println("      " + line));
    }

    /** The ratio is the share of the cores the embedding threads got: what they got, and where the rest went. */
    private static String embeddingShare(CpuUsage before, CpuUsage after, int chunks) {
        Map<String, Double> used = after.deltas(before);
        double embedding = used.getOrDefault("ingest-service / embedding", 0.0);
        double ingest = used.getOrDefault("ingest-service", 0.0);
        double processes = after.processSeconds(before);
        double wall = after.wallSeconds(before);
        int cores = Runtime.getRuntime().availableProcessors();
        return String.format("embedding %.1f ms CPU per chunk, %.0f%% of the %d cores; everything else %.1f s: "
                        + "ingest-service outside embedding %.1f s, other processes %.1f s, idle %.1f s",
                1000 * embedding / chunks, 100 * embedding / (wall * cores), cores, processes - embedding,
                ingest - embedding, processes - ingest, Math.max(0, wall * cores - processes));
    }

    /** {@code BENCH_RESULTS}, if set: a file each run appends its pipeline / raw to (runs across service restarts). */
    private static void appendResult(double ratio) throws Exception {
        String file = System.getenv("BENCH_RESULTS");
        if (file != null && !file.isBlank()) {
            Files.writeString(Path.of(file), String.format(Locale.ROOT, "%.4f%n", ratio), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private List<String> chunkTexts(List<String> docIds) {
        try (WeaviateClient weaviate = stack.weaviate()) {
            var response = weaviate.collections.use(WeaviateSchema.CHUNK).query.fetchObjects(q -> q
                    .filters(Filter.property(Props.DOC_ID).containsAny(docIds))
                    .returnProperties(Props.TEXT)
                    .limit(10_000));
            return response.objects().stream().map(o -> (String) o.properties().get(Props.TEXT)).toList();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the benchmark's chunks back from Weaviate", e);
        }
    }

    private static double rawEmbedRate(List<String> texts) {
        // the class and executor size ingest-service embeds with
        try (var embedding = new IndexEmbedding(IndexEmbedding.DEFAULT_MODEL, intEnv("TAILOR_EMBEDDING_THREADS", 2), "raw")) {
            embedding.embedAll(texts.subList(0, Math.min(40, texts.size()))); // warm-up
            long t0 = System.nanoTime();
            embedding.embedAll(texts);
            return texts.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (Exception e) {
            return "unknown";
        }
    }

    // (b) ----------------------------------------------------------------------------------------------------
    private void localEdit() throws Exception {
        System.out.printf("%n(b) one-paragraph edit of a 50-chunk document%n");
        String docId = "bench-" + run + "-b";
        List<List<String>> sections = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            List<String> section = new ArrayList<>();
            for (int p = 0; p < 5; p++) {
                section.add(prose.paragraph(docId + "/" + s + "/" + p, 110));
            }
            sections.add(section);
        }
        String before = markdown(sections);
        publish(docId, 1, "Long document", before);
        DocumentIndexed v1 = awaitAll(List.of(docId), 1, Duration.ofMinutes(2)).get(docId);
        sections.get(5).set(2, sections.get(5).get(2) + " An edited sentence.");
        publish(docId, 2, "Long document", markdown(sections));
        DocumentIndexed v2 = awaitAll(List.of(docId), 2, Duration.ofMinutes(2)).get(docId);
        export("b.jsonl", List.of(Map.of("docId", docId, "title", "Long document", "text", before),
                Map.of("docId", docId, "title", "Long document", "text", markdown(sections))));
        figures.put("b", Map.of("chunks", v1.chunkCount(), "reembedded", v2.chunksEmbedded()));
        System.out.printf("    v1: %d chunks, %d embedded; v2 (one paragraph edited): %d embedded, %d reused (goal <= 2)%n",
                v1.chunkCount(), v1.chunksEmbedded(), v2.chunksEmbedded(), v2.chunksReused());
    }

    // (c) ----------------------------------------------------------------------------------------------------
    /** A steady rate per entry of {@code rates}, then what bounds the rate on this machine. */
    private void freshness(List<Integer> rates, int seconds) throws Exception {
        List<String> all = new ArrayList<>();
        int chunks = 0;
        for (int rate : rates) {
            System.out.printf("%n(c) steady %d documents/s for %d s: event time -> searchable (load average %s)%n", rate,
                    seconds, loadAverage());
            List<String> ids = new ArrayList<>();
            Random sizes = new Random(7);
            long intervalNanos = 1_000_000_000L / rate;
            CpuUsage cpuBefore = CpuUsage.now("ingest-service");
            long start = System.nanoTime();
            long next = start;
            for (int i = 0; i < rate * seconds; i++) {
                while (System.nanoTime() < next) {
                    Thread.sleep(0, 200_000);
                }
                next += intervalNanos;
                String docId = "bench-" + run + "-c" + rate + "-" + i;
                ids.add(docId);
                publish(docId, 1, "Fresh " + i, prose.document(docId, 1024 + sizes.nextInt(1025)));
                producer.flush();
                // what has arrived, without waiting: a wait here would hold back the next document
                poll(Duration.ZERO);
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            // n documents published over n - 1 intervals
            System.out.printf("    published at %.1f documents/s%n", (ids.size() - 1) / publishSeconds);
            Map<String, DocumentIndexed> done = awaitAll(ids, 1, Duration.ofMinutes(10));
            CpuUsage cpuAfter = CpuUsage.now("ingest-service");
            List<Long> inOrder = ids.stream().map(done::get)
                    .map(d -> Duration.between(d.eventTime(), d.indexedTime()).toMillis()).toList();
            List<Long> millis = inOrder.stream().sorted().toList();
            chunks += done.values().stream().mapToInt(DocumentIndexed::chunkCount).sum();
            all.addAll(ids);
            int fifth = Math.max(1, inOrder.size() / 5);
            long first = percentile(inOrder.subList(0, fifth).stream().sorted().toList(), 0.50);
            long lastFifth = percentile(inOrder.subList(inOrder.size() - fifth, inOrder.size()).stream().sorted().toList(),
                    0.50);
            // a rate above what the cores can embed shows as a backlog that grows for as long as the rate lasts
            boolean sustained = lastFifth <= 2 * first + 250;
            System.out.printf("    %d documents: p50 %d ms, p99 %d ms, max %d ms (goal p99 < 500 ms at 50/s); median of"
                            + " the first fifth %d ms, of the last fifth %d ms: %s%n", millis.size(),
                    percentile(millis, 0.50), percentile(millis, 0.99), millis.get(millis.size() - 1), first, lastFifth,
                    sustained ? "sustained" : "NOT sustained (the backlog grew)");
            figures.put("c" + rate, Map.of("rate", rate, "p50", percentile(millis, 0.50), "p99", percentile(millis, 0.99),
                    "sustained", sustained));
            // what bounds the rate
            printCpu("from the first document published to the last searchable", cpuBefore, cpuAfter,
                    done.values().stream().mapToInt(DocumentIndexed::chunksEmbedded).sum(), 6);
        }
        List<String> texts = chunkTexts(all.subList(0, Math.min(all.size(), 400)));
        double raw = rawEmbedRate(texts);
        double perDocument = (double) chunks / all.size();
        System.out.printf("%n(c) bound: embedding runs at %.1f chunks/s on these cores (raw embedAll), %.2f chunks per"
                + " document: at most %.1f documents/s of this size, before Kafka, Weaviate and everything else take"
                + " their share%n", raw, perDocument, raw / perDocument);
    }

    /**
     * Deletes every document this run published (a delete event each, version after the last upsert), so that runs
     * leave neither search results for the engineering role nor a growing index behind them.
     */
    private void removeOurDocuments() throws Exception {
        List<String> ids = new ArrayList<>(published.keySet());
        if (ids.isEmpty()) {
            return;
        }
        System.out.printf("%nremoving the %d documents of this run%n", ids.size());
        for (String docId : ids) {
            long version = published.merge(docId, 1L, Long::sum);
            send(docId, DocumentChangeEvents.deleted(new DocumentDeleted(docId, version)));
        }
        awaitAll(ids, published::get, Duration.ofMinutes(5));
    }

    private void publish(String docId, long version, String title, String content) {
        published.merge(docId, version, Math::max);
        send(docId, DocumentChangeEvents.upserted(new DocumentUpserted(docId, version, title, content, "text/markdown",
                List.of("engineering"), "bench", null, Map.of("bench", run))));
    }

    private void send(String docId, CloudEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", DocumentChangeEvents.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(Topics.DOCS_CHANGES, null, docId, DocumentChangeEvents.structured(event),
                headers));
    }

    private Map<String, DocumentIndexed> awaitAll(List<String> ids, long version, Duration timeout) throws Exception {
        return awaitAll(ids, id -> version, timeout);
    }

    private Map<String, DocumentIndexed> awaitAll(List<String> ids, ToLongFunction<String> version,
            Duration timeout) throws Exception {
        producer.flush();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            poll(Duration.ofMillis(50));
            Map<String, DocumentIndexed> done = new HashMap<>();
            for (String id : ids) {
                long wanted = version.applyAsLong(id);
                seen.getOrDefault(id, List.of()).stream().filter(d -> d.version() == wanted).findFirst()
                        .ifPresent(d -> done.put(id, d));
            }
            if (done.size() == ids.size()) {
                return done;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(done.size() + " of " + ids.size() + " documents indexed within " + timeout
                        + ": is ingest-service running?");
            }
        }
    }

    private void poll(Duration wait) throws Exception {
        for (var r : indexed.poll(wait)) {
            if (r.key() != null && r.key().startsWith("bench-" + run)) {
                seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(JSON.readValue(r.value(), DocumentIndexed.class));
            }
        }
    }

    /** One JSON object per line into {@code BENCH_EXPORT_DIR}, if set: what the peer benchmark reads. */
    private static void export(String file, List<Map<String, Object>> lines) throws Exception {
        String dir = System.getenv("BENCH_EXPORT_DIR");
        if (dir == null || dir.isBlank()) {
            return;
        }
        StringBuilder jsonl = new StringBuilder();
        for (Map<String, Object> line : lines) {
            jsonl.append(JSON.writeValueAsString(line)).append('\n');
        }
        Files.writeString(Path.of(dir, file), jsonl);
    }

    private static String markdown(List<List<String>> sections) {
        StringBuilder md = new StringBuilder();
        for (int s = 0; s < sections.size(); s++) {
            md.append("## Section ").append(s).append("\n\n");
            sections.get(s).forEach(p -> md.append(p).append("\n\n"));
        }
        return md.toString();
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static List<Integer> intsEnv(String name, List<Integer> fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback
                : Arrays.stream(v.split(",")).map(String::strip).map(Integer::parseInt).toList();
    }

    private static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
