package dev.tailor.tools.bench.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.runtime.embedding.IndexEmbedding;
import dev.tailor.contracts.Roles;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import dev.tailor.testsupport.Stack;
import dev.tailor.testsupport.Tokens;
import dev.tailor.tools.bench.CpuUsage;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionHandle;
import io.weaviate.client6.v1.api.collections.Property;
import io.weaviate.client6.v1.api.collections.Tokenization;
import io.weaviate.client6.v1.api.collections.VectorConfig;
import io.weaviate.client6.v1.api.collections.Vectors;
import io.weaviate.client6.v1.api.collections.WeaviateObject;
import io.weaviate.client6.v1.api.collections.query.Filter;
import io.weaviate.client6.v1.api.collections.query.Metadata;
import io.weaviate.client6.v1.api.collections.query.NearVector;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/**
 * query-service benchmark on the real stack (run by {@code dev/bench query}); prints figures, asserts nothing.
 *
 * <ol>
 *   <li>(a) At concurrency 16: raw Weaviate hybrid queries of the service's shape (embed the question in-process with
 *   the same model, BM25 on title+text + the vector, {@code allowedRoles containsAny} the user's roles, topK 5), then
 *   {@code POST /api/v1/search} and extractive {@code POST /api/v1/ask} as alice. p50/p99, throughput and the ratio to
 *   raw (goals: ≤ 1.1× on a warm service, ≤ 1.3× on the first run after a start).</li>
 *   <li>(b) Filtered against unfiltered hybrid search over {@code BENCH_CHUNKS} (default 100,000) chunks with random
 *   384-dim vectors and random role sets drawn from 20 roles, in a collection of its own ({@code TailorBench}, created
 *   and dropped here, so TailorChunk is untouched). Goal: filtered ≤ 1.2× unfiltered.</li>
 * </ol>
 * The HTTP client speaks HTTP/1.1 with keep-alive, what API gateways speak to their upstreams by default (NGINX,
 * Kong, Envoy unless told otherwise) and what the OpenAI SDKs use. It is Apache HttpClient's blocking client, one pooled
 * connection per worker: it shares the two cores with the service, and the JDK's asynchronous client spent more CPU
 * per request on them (docs/decisions.md, "The query benchmark's HTTP client").
 * <p>
 * Environment: {@code QUERY_URL} (default http://127.0.0.1:8080), {@code BENCH_REQUESTS} (per series of (a), default
 * 3000), {@code BENCH_WARMUP} (requests per kind before (a), 3000), {@code BENCH_FILTER_REQUESTS} (per series of (b),
 * 800),
 * {@code BENCH_CONCURRENCY} (16), {@code BENCH_FIRST_RUN=1} (warm only this process — the raw client, and its HTTP
 * client against a stub on loopback: the service was just started, see {@code dev/bench query --first-run}), {@code BENCH_ASK_STRATEGY} (extractive), {@code BENCH_CHUNKS}
 * (100000), {@code BENCH_SKIP_E2E=1} skips (a),
 * {@code BENCH_SKIP_FILTER=1} skips (b), {@code BENCH_KEEP=1} keeps TailorBench for a later run and
 * {@code BENCH_REUSE=1} reuses a kept one of at least BENCH_CHUNKS objects (loading 100k takes minutes on 2 cores).
 */
public final class QueryBenchmark {

    static final String BENCH_COLLECTION = "TailorBench";
    static final List<String> QUESTIONS = List.of(
            "How often does the on-call rotation change?", "What is the travel expense limit?",
            "How do I request a new laptop?", "What are the deployment steps for production?",
            "Who approves purchase orders?", "How is an incident postmortem written?",
            "What is the parental leave policy?", "How are code reviews done?",
            "When are salaries paid?", "How do we rotate database credentials?",
            "What does the robot arm calibration involve?", "Which holidays does the company observe?");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloseableHttpClient HTTP = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(64)
                    .setMaxConnTotal(64).build())
            .disableContentCompression().disableCookieManagement().disableRedirectHandling()
            .disableAutomaticRetries().build();

    public static void main(String[] args) throws Exception {
        Stack stack = Stack.fromEnvironment();
        String queryUrl = env("QUERY_URL", "http://127.0.0.1:8080");
        int requests = Integer.parseInt(env("BENCH_REQUESTS", "3000"));
        int concurrency = Integer.parseInt(env("BENCH_CONCURRENCY", "16"));
        int chunks = Integer.parseInt(env("BENCH_CHUNKS", "100000"));
        WeaviateClient weaviate = stack.weaviate();

        System.out.printf("query benchmark: %d requests per series at concurrency %d, %d cores%n", requests, concurrency,
                Runtime.getRuntime().availableProcessors());
        if (!"1".equals(System.getenv("BENCH_SKIP_E2E"))) {
            endToEnd(stack, weaviate, queryUrl, requests, concurrency);
        }
        if (!"1".equals(System.getenv("BENCH_SKIP_FILTER"))) {
            filterCost(weaviate, chunks, Integer.parseInt(env("BENCH_FILTER_REQUESTS", "800")), concurrency);
        }
        weaviate.close();
        System.exit(0);
    }

    // ---------------------------------------------------------------- (a) service vs raw Weaviate

    static void endToEnd(Stack stack, WeaviateClient weaviate, String queryUrl, int requests, int concurrency) throws Exception {
        List<String> roles = List.of("engineering", Roles.PUBLIC);
        // The raw client embeds like the service does: the same model on an executor of the service's size (2).
        var embedding = new IndexEmbedding(IndexEmbedding.DEFAULT_MODEL, 2, "raw");
        CollectionHandle<Map<String, Object>> chunks = weaviate.collections.use(WeaviateSchema.CHUNK);
        Callable<Integer> raw = () -> {
            String q = QUESTIONS.get(ThreadLocalRandomIndex.next(QUESTIONS.size()));
            float[] v = embedding.embed(q);
            return chunks.query.hybrid(q, h -> h.queryProperties(Props.TITLE, Props.TEXT).nearVector(NearVector.of(v))
                    .alpha(0.5f).filters(Filter.property(Props.ALLOWED_ROLES).containsAny(roles)).limit(5)
                    .returnProperties(Props.DOC_ID, Props.CHUNK_INDEX, Props.TITLE, Props.TEXT, Props.TOKEN_COUNT, Props.ALLOWED_ROLES)
                    .returnMetadata(Metadata.SCORE)).objects().size();
        };
        // Tokens.of renews alice's token before it expires: on a loaded machine the series outlast one token
        Callable<Integer> search = () -> post(queryUrl + "/api/v1/search", Tokens.of("alice"),
                Map.of("query", QUESTIONS.get(ThreadLocalRandomIndex.next(QUESTIONS.size())), "topK", 5));
        Callable<Integer> ask = () -> post(queryUrl + "/api/v1/ask", Tokens.of("alice"),
                Map.of("question", QUESTIONS.get(ThreadLocalRandomIndex.next(QUESTIONS.size())), "topK", 5,
                        "strategy", env("BENCH_ASK_STRATEGY", "extractive")));

        // JIT compilation in the service and in this JVM takes thousands of requests. On a first run after a start
        // the service's is what we measure; the raw client is warmed either way, so that only the service is young.
        int warmUp = Integer.parseInt(env("BENCH_WARMUP", "3000"));
        boolean firstRun = "1".equals(System.getenv("BENCH_FIRST_RUN"));
        HttpServer stub = firstRun ? stubService() : null;
        if (warmUp > 0) {
            // On a first run this client's own HTTP path is warmed against a stub on loopback, not the service: cold,
            // it cost 3.4 ms of CPU per request in the first series against 1.2 warm, on the cores the service runs on.
            Callable<Integer> stubSearch = firstRun ? () -> post("http://127.0.0.1:" + stub.getAddress().getPort()
                    + "/api/v1/search", Tokens.of("alice"), Map.of("query", QUESTIONS.get(ThreadLocalRandomIndex.next(
                    QUESTIONS.size())), "topK", 5)) : null;
            for (Callable<Integer> call : firstRun ? List.of(raw, stubSearch) : List.of(raw, search, ask)) {
                run("warm-up", call, warmUp, concurrency, false);
            }
        }
        if (stub != null) {
            stub.stop(0);
        }
        // Interleaved halves, so that load from other processes on a shared machine hits all series alike.
        Result[] raws = new Result[2];
        Result[] searches = new Result[2];
        Result[] asks = new Result[2];
        for (int half = 0; half < 2; half++) {
            String tag = " (" + (half + 1) + "/2)";
            raws[half] = run("raw Weaviate hybrid (embed + filtered query)" + tag, raw, requests / 2, concurrency, true);
            searches[half] = run("POST /api/v1/search" + tag, search, requests / 2, concurrency, true);
            asks[half] = run("POST /api/v1/ask (extractive)" + tag, ask, requests / 2, concurrency, true);
        }
        String goal = firstRun ? "1.3x on the first run after a start" : "1.1x on a warm service";
        ratio("search/raw", searches, raws, goal);
        ratio("ask/raw", asks, raws, goal);
        embedding.close();
    }

    /** Answers every request with a search response of the service's size (five passages), and nothing else. */
    static HttpServer stubService() throws java.io.IOException {
        Map<String, Object> passage = Map.of("docId", "doc-1", "chunkIndex", 0, "title", "A title",
                "text", "word ".repeat(80), "score", 0.5);
        byte[] body = JSON.writeValueAsBytes(Map.of("results", java.util.Collections.nCopies(5, passage)));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    static int post(String url, String token, Map<String, Object> body) throws Exception {
        HttpPost request = new HttpPost(url);
        request.setHeader("Authorization", "Bearer " + token);
        request.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        return HTTP.execute(request, response -> {
            String answer = EntityUtils.toString(response.getEntity());
            if (response.getCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.getCode() + ": " + answer);
            }
            return 1;
        });
    }

    // ---------------------------------------------------------------- (b) filter cost

    static void filterCost(WeaviateClient weaviate, int n, int requests, int concurrency) throws Exception {
        Random random = new Random(42);
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            roles.add("role" + i);
        }
        List<String> vocabulary = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            vocabulary.add("w" + Integer.toString(i * 7919 % 100_000, 36));
        }
        boolean keep = "1".equals(System.getenv("BENCH_KEEP"));
        boolean reuse = "1".equals(System.getenv("BENCH_REUSE")) && weaviate.collections.exists(BENCH_COLLECTION)
                && weaviate.collections.use(BENCH_COLLECTION).size() >= n;
        Thread dropper = new Thread(() -> drop(weaviate));
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(dropper); // also when interrupted: never leave 100k objects behind
        }
        if (!reuse) {
            drop(weaviate); // left over by an earlier run of this benchmark
            load(weaviate, n, random, roles, vocabulary);
        } else {
            System.out.printf("%nreusing %s (%d objects)%n", BENCH_COLLECTION, weaviate.collections.use(BENCH_COLLECTION).size());
        }
        CollectionHandle<Map<String, Object>> bench = weaviate.collections.use(BENCH_COLLECTION);
        Callable<Integer> unfiltered = () -> {
            Random r = new Random();
            return bench.query.hybrid(words(r, vocabulary, 2), h -> h.queryProperties(Props.TEXT)
                    .nearVector(NearVector.of(randomUnitVector(r))).alpha(0.5f).limit(5)).objects().size();
        };
        Callable<Integer> filtered = () -> {
            Random r = new Random();
            // A user with two roles (plus public, which no bench chunk carries): ~25% of the chunks match.
            List<String> userRoles = List.of(roles.get(r.nextInt(20)), roles.get(r.nextInt(20)), Roles.PUBLIC);
            return bench.query.hybrid(words(r, vocabulary, 2), h -> h.queryProperties(Props.TEXT)
                    .nearVector(NearVector.of(randomUnitVector(r))).alpha(0.5f).limit(5)
                    .filters(Filter.property(Props.ALLOWED_ROLES).containsAny(userRoles))).objects().size();
        };
        run("warm-up", unfiltered, 100, concurrency, false);
        // Interleaved halves, so that load from other processes on a shared machine hits both series alike.
        Result u1 = run("hybrid, unfiltered (1/2)", unfiltered, requests / 2, concurrency, true);
        Result f1 = run("hybrid, allowedRoles containsAny 2 of 20 roles (1/2)", filtered, requests / 2, concurrency, true);
        Result u2 = run("hybrid, unfiltered (2/2)", unfiltered, requests / 2, concurrency, true);
        Result f2 = run("hybrid, allowedRoles containsAny 2 of 20 roles (2/2)", filtered, requests / 2, concurrency, true);
        ratio("filtered/unfiltered", new Result[]{f1, f2}, new Result[]{u1, u2}, "1.2");
        if (!keep) {
            Runtime.getRuntime().removeShutdownHook(dropper);
            drop(weaviate);
        }
    }

    static void ratio(String name, Result[] a, Result[] b, String goal) {
        System.out.printf("  ratio %-26s p50 %.2fx, p99 %.2fx, throughput %.2fx  (goal <= %s)%n", name + ":",
                (a[0].p50 + a[1].p50) / (b[0].p50 + b[1].p50), (a[0].p99 + a[1].p99) / (b[0].p99 + b[1].p99),
                (b[0].perSecond + b[1].perSecond) / (a[0].perSecond + a[1].perSecond), goal);
    }

    static void drop(WeaviateClient weaviate) {
        try {
            if (weaviate.collections.exists(BENCH_COLLECTION)) {
                weaviate.collections.delete(BENCH_COLLECTION);
            }
        } catch (Exception e) {
            System.err.println("could not drop " + BENCH_COLLECTION + ": " + e.getMessage());
        }
    }

    static void load(WeaviateClient weaviate, int n, Random random, List<String> roles, List<String> vocabulary) throws Exception {
        weaviate.collections.create(BENCH_COLLECTION, c -> c
                .description("query benchmark scratch collection; dropped by the benchmark")
                // indexed like TailorChunk's text and allowedRoles (WeaviateSchema)
                .properties(Property.text(Props.TEXT, p -> p.tokenization(Tokenization.WORD).indexFilterable(false)),
                        Property.textArray(Props.ALLOWED_ROLES, p -> p.tokenization(Tokenization.FIELD).indexSearchable(false)))
                .vectorConfig(VectorConfig.selfProvided()));
        CollectionHandle<Map<String, Object>> bench = weaviate.collections.use(BENCH_COLLECTION);
        long start = System.nanoTime();
        for (int from = 0; from < n; from += 1000) {
            List<WeaviateObject<Map<String, Object>>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                Map<String, Object> p = new HashMap<>();
                p.put(Props.TEXT, words(random, vocabulary, 40));
                p.put(Props.ALLOWED_ROLES, new ArrayList<>(new java.util.TreeSet<>(
                        List.of(roles.get(random.nextInt(20)), roles.get(random.nextInt(20)), roles.get(random.nextInt(20)))
                                .subList(0, 1 + random.nextInt(3)))));
                float[] v = randomUnitVector(random);
                batch.add(WeaviateObject.of(o -> o.properties(p).vectors(Vectors.of(v))));
            }
            var response = bench.data.insertMany(batch);
            if (!response.errors().isEmpty()) {
                throw new IllegalStateException("insert failed: " + response.errors().get(0));
            }
        }
        System.out.printf("%nfilter cost: %d chunks, 20 roles, random 384-dim vectors, loaded in %.0f s%n", n,
                (System.nanoTime() - start) / 1e9);
    }

    static String words(Random random, List<String> vocabulary, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : " ").append(vocabulary.get(random.nextInt(vocabulary.size())));
        }
        return s.toString();
    }

    static float[] randomUnitVector(Random random) {
        float[] v = new float[384];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    // ---------------------------------------------------------------- measurement

    record Result(double p50, double p99, double perSecond) {
    }

    static Result run(String name, Callable<Integer> call, int requests, int concurrency, boolean print) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        CpuUsage cpuBefore = CpuUsage.now("");
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    try {
                        call.call();
                    } catch (Exception e) {
                        if (errors.incrementAndGet() == 1) {
                            System.err.println("  " + name + ": " + e.getMessage());
                        }
                    }
                    latencies[i] = System.nanoTime() - t;
                }
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpu = CpuUsage.now("").deltas(cpuBefore);
        pool.shutdown();
        // the first requests of a series arrive together; on a young service they are the slowest ones users meet
        long[] first = Arrays.copyOf(latencies, Math.min(concurrency, requests));
        Arrays.sort(first);
        Arrays.sort(latencies);
        Result r = new Result(latencies[requests / 2] / 1e6, latencies[Math.min(requests - 1, (int) (requests * 0.99))] / 1e6,
                requests / seconds);
        if (print) {
            System.out.printf("  %-52s p50 %7.1f ms  p99 %7.1f ms  %7.1f req/s%s%n", name, r.p50, r.p99, r.perSecond,
                    errors.get() == 0 ? "" : "  (" + errors.get() + " errors)");
            // where the cores went: per request, by component (the 2 cores are shared by everything)
            System.out.printf("  %-52s %s%n", "", cpu.entrySet().stream().filter(e -> e.getValue() * 1000 / requests >= 0.1)
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() * 1000 / requests))
                    .collect(java.util.stream.Collectors.joining(", ", "CPU ms/request: ", "")));
            System.out.printf("  %-52s first %d requests: median %.1f ms, slowest %.1f ms%n", "", first.length,
                    first[first.length / 2] / 1e6, first[first.length - 1] / 1e6);
        }
        return r;
    }

    /** Uniform index without sharing a Random between threads. */
    static final class ThreadLocalRandomIndex {
        static int next(int bound) {
            return java.util.concurrent.ThreadLocalRandom.current().nextInt(bound);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
