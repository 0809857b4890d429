package dev.tailor.tools.bench.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.tailor.testsupport.Tokens;
import dev.tailor.tools.bench.CpuUsage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * model-service benchmark (run by {@code dev/bench models}); prints figures, asserts nothing.
 *
 * <ol>
 *   <li>(a) Generation: time to first token and decode tokens/s of the same chats, greedy, through
 *   {@code /v1/chat/completions} (streamed) and through de.kherud's llama.cpp binding directly in this process with
 *   the service's model settings; rounds alternate so that both meet the same machine. Goal: service ≥ 0.9× direct.</li>
 *   <li>(b) Training: seconds per LoRA step of a real fine-tuning job (from its step events) beside the worker's step
 *   run bare ({@code tailor_trainer.bench_step}) on the same file. Goal: ≥ 0.9× (bare / job).</li>
 *   <li>(c) RAG {@code /api/v1/ask} answered by the local model, p50/p99 at concurrency 1 and 4.</li>
 *   <li>(d) RSS of model-service idle, while serving and while training (its worker included).</li>
 * </ol>
 * Environment: {@code MODEL_URL} (http://127.0.0.1:8083/v1), {@code QUERY_URL} (http://127.0.0.1:8080),
 * {@code MODEL_PID} (model-service's process, for RSS), {@code TAILOR_MODEL_BASE_GGUF}, {@code TRAINER_PYTHON},
 * {@code TRAINER_SOURCES}, {@code BENCH_TRAIN_FILE}, {@code BENCH_ROUNDS} (3), {@code BENCH_MAX_TOKENS} (128),
 * {@code BENCH_ASK} (questions per concurrency level, 24), {@code BENCH_SKIP_TRAINING=1}, {@code BENCH_SKIP_ASK=1}.
 */
public final class ModelBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "smollm2-135m";
    static final List<List<Map<String, String>>> CHATS = List.of(
            chat("Explain in a few sentences why warehouses use picking robots."),
            chat("Write a short note to a colleague about the next team meeting."),
            chat("Describe how a battery charging dock for robots could work."),
            chat("List some good practices for writing release notes."));

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final String modelUrl = env("MODEL_URL", "http://127.0.0.1:8083/v1");
    final String queryUrl = env("QUERY_URL", "http://127.0.0.1:8080");
    final int rounds = Integer.parseInt(env("BENCH_ROUNDS", "3"));
    final int maxTokens = Integer.parseInt(env("BENCH_MAX_TOKENS", "128"));
    final long modelPid = Long.parseLong(env("MODEL_PID", "0"));
    final List<Long> rssSamples = Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        new ModelBenchmark().run();
        // llama.cpp's native thread from (a) stays attached to the JVM as a non-daemon thread after the model is closed
        // (jstack: "Thread-0", no Java frames), so the JVM would outlive the run and dev/bench would wait forever
        System.exit(0);
    }

    static List<Map<String, String>> chat(String question) {
        return List.of(Map.of("role", "user", "content", question));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    void run() throws Exception {
        System.out.printf("model-service benchmark: %d cores, %s%n", Runtime.getRuntime().availableProcessors(), MODEL);
        long idle = rss();
        generation();
        if (!"1".equals(System.getenv("BENCH_SKIP_TRAINING"))) {
            training();
        }
        if (!"1".equals(System.getenv("BENCH_SKIP_ASK"))) {
            ask();
        }
        System.out.printf("%n(d) model-service RSS: idle %s, serving peak %s, training peak %s (service + worker)%n",
                mib(idle), mib(peak("serving")), mib(peak("training")));
    }

    // ------------------------------------------------------------------------------------------ (a) generation

    record Timing(double ttftMillis, double tokensPerSecond, int tokens) {
    }

    void generation() throws Exception {
        System.out.printf("%n(a) generation: %d chats x %d rounds, greedy, max_tokens %d%n", CHATS.size(), rounds, maxTokens);
        List<Timing> service = new ArrayList<>();
        List<Timing> direct = new ArrayList<>();
        // warm both once (the service's prompt cache, the JIT, the page cache of the weights)
        viaService(CHATS.get(0));
        CpuUsage before = CpuUsage.now(null);
        try (LlamaModel llama = loadDirect()) {
            viaDirect(llama, CHATS.get(0));
            for (int round = 0; round < rounds; round++) {
                for (var chat : CHATS) {
                    direct.add(viaDirect(llama, chat));
                    service.add(sampled("serving", () -> viaService(chat)));
                }
            }
        }
        print("direct (de.kherud in process)", direct);
        print("service (/v1/chat/completions)", service);
        System.out.printf("  ratio service/direct: decode %.2fx, time to first token %.2fx (goal decode >= 0.9x)%n",
                median(service, Timing::tokensPerSecond) / median(direct, Timing::tokensPerSecond),
                median(direct, Timing::ttftMillis) / median(service, Timing::ttftMillis));
        CpuUsage.now(null).since(before).forEach(l -> System.out.println("  cpu " + l));
    }

    LlamaModel loadDirect() {
        String gguf = System.getenv("TAILOR_MODEL_BASE_GGUF");
        if (gguf == null) {
            throw new IllegalStateException("set TAILOR_MODEL_BASE_GGUF (dev/bench models does)");
        }
        // the settings model-service loads its models with (LoadedModels)
        return new LlamaModel(new ModelParameters().setModel(gguf).setThreads(2).setThreadsBatch(2).setCtxSize(4096)
                .setParallel(1).disableLog());
    }

    Timing viaDirect(LlamaModel llama, List<Map<String, String>> chat) {
        List<Pair<String, String>> turns = chat.stream().map(m -> new Pair<>(m.get("role"), m.get("content"))).toList();
        String prompt = llama.applyTemplate(new InferenceParameters("").setMessages(null, turns));
        long start = System.nanoTime();
        long first = 0;
        long last = 0;
        int outputs = 0;
        var tokens = (LlamaIterator) llama.generate(new InferenceParameters(prompt).setNPredict(maxTokens)
                .setTemperature(0).setCachePrompt(false)).iterator();
        while (tokens.hasNext()) {
            var output = tokens.next();
            long now = System.nanoTime();
            if (!output.text.isEmpty()) {
                first = first == 0 ? now : first;
                last = now;
            }
            outputs++;
        }
        return timing(start, first, last, outputs - 1);
    }

    Timing viaService(List<Map<String, String>> chat) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("model", MODEL, "messages", chat, "max_tokens", maxTokens,
                "temperature", 0, "stream", true, "stream_options", Map.of("include_usage", true)));
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(modelUrl + "/chat/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long first = 0;
        long last = 0;
        int tokens = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
                    continue;
                }
                JsonNode event = JSON.readTree(line.substring(6));
                long now = System.nanoTime();
                if (!event.path("choices").path(0).path("delta").path("content").asText("").isEmpty()) {
                    first = first == 0 ? now : first;
                    last = now;
                }
                if (event.has("usage") && !event.path("usage").isNull()) {
                    tokens = event.path("usage").path("completion_tokens").asInt();
                }
            }
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("model-service answered " + response.statusCode());
        }
        return timing(start, first, last, tokens);
    }

    /** Decode rate over the tokens after the first, between the first and the last piece of text. */
    static Timing timing(long start, long first, long last, int tokens) {
        double decodeSeconds = (last - first) / 1e9;
        return new Timing((first - start) / 1e6, decodeSeconds > 0 ? (tokens - 1) / decodeSeconds : 0, tokens);
    }

    void print(String what, List<Timing> timings) {
        System.out.printf("  %-32s decode %6.1f tok/s (median; min %.1f, max %.1f), first token %6.0f ms (median), %d tokens/answer%n",
                what, median(timings, Timing::tokensPerSecond),
                timings.stream().mapToDouble(Timing::tokensPerSecond).min().orElse(0),
                timings.stream().mapToDouble(Timing::tokensPerSecond).max().orElse(0),
                median(timings, Timing::ttftMillis), (int) median(timings, t -> t.tokens()));
    }

    // ------------------------------------------------------------------------------------------ (b) training

    void training() throws Exception {
        Path file = Path.of(env("BENCH_TRAIN_FILE", "model-service/src/test/resources/invented-facts.jsonl"));
        System.out.printf("%n(b) training: LoRA on %s (%d examples), batch 4%n", file, Files.readAllLines(file).size());
        CpuUsage before = CpuUsage.now(null);
        String fileId = upload(file);
        JsonNode job = post("/fine_tuning/jobs", Map.of("model", MODEL, "training_file", fileId, "suffix", "bench",
                "hyperparameters", Map.of("n_epochs", 4, "batch_size", 4)));
        String id = job.path("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        String status = job.path("status").asText();
        while (!List.of("succeeded", "failed", "cancelled").contains(status) && System.nanoTime() < deadline) {
            sampled("training", () -> {
                Thread.sleep(1000);
                return null;
            });
            status = get("/fine_tuning/jobs/" + id).path("status").asText();
        }
        if (!"succeeded".equals(status)) {
            System.out.println("  the job ended " + status + ": " + get("/fine_tuning/jobs/" + id).path("error"));
            return;
        }
        List<Double> elapsed = new ArrayList<>();
        for (JsonNode event : get("/fine_tuning/jobs/" + id + "/events?limit=100").path("data")) {
            if ("metrics".equals(event.path("type").asText()) && event.path("data").has("elapsed_seconds")) {
                elapsed.add(event.path("data").path("elapsed_seconds").asDouble());
            }
        }
        Collections.sort(elapsed);
        List<Double> steps = new ArrayList<>();
        for (int i = 2; i < elapsed.size(); i++) { // the first steps carry the warm-up
            steps.add(elapsed.get(i) - elapsed.get(i - 1));
        }
        double jobStep = medianOf(steps);
        JsonNode bare = bareStep(file);
        double bareStep = bare.path("seconds_per_step").asDouble();
        System.out.printf("  job (supervised worker): %.2f s/step (median of %d steps)%n", jobStep, steps.size());
        System.out.printf("  bare peft step:          %.2f s/step (%d steps after %d warm-up)%n", bareStep,
                bare.path("steps").asInt(), bare.path("warmup").asInt());
        System.out.printf("  ratio bare/job: %.2fx (goal >= 0.9x)%n", bareStep / jobStep);
        CpuUsage.now(null).since(before).forEach(l -> System.out.println("  cpu " + l));
    }

    JsonNode bareStep(Path file) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(env("TRAINER_PYTHON", "python3"), "-m", "tailor_trainer.bench_step",
                "--base-gguf", System.getenv("TAILOR_MODEL_BASE_GGUF"), "--train-file", file.toString(),
                "--batch-size", "4", "--threads", "2", "--warmup", "3", "--steps", "12")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PYTHONPATH", env("TRAINER_SOURCES", "model-service/src/main/python"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("bench_step failed: " + out);
        }
        return JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    String upload(Path file) throws IOException, InterruptedException {
        String boundary = "tailor-bench-" + System.nanoTime();
        byte[] content = Files.readAllBytes(file);
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/jsonl\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(URI.create(modelUrl + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("id").asText();
    }

    JsonNode post(String path, Object payload) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(modelUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(modelUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    // ------------------------------------------------------------------------------------------ (c) RAG ask

    static final List<String> QUESTIONS = List.of("When does Project Falcon launch?",
            "Who supplies the 3D lidar for Project Falcon?", "How often does the on-call rotation change?",
            "What is the Falcon BOM target per unit?", "Where is Northwind Robotics headquartered?",
            "What is the parental leave policy?");

    void ask() throws Exception {
        int n = Integer.parseInt(env("BENCH_ASK", "24"));
        String token = Tokens.of("alice");
        System.out.printf("%n(c) RAG /api/v1/ask answered by the local model, as alice, %d questions per level%n", n);
        for (int concurrency : List.of(1, 4)) {
            CpuUsage before = CpuUsage.now(null);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<Double>> latencies = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String question = QUESTIONS.get(i % QUESTIONS.size());
                latencies.add(pool.submit(() -> sampled("serving", () -> askOnce(token, question))));
            }
            List<Double> millis = new ArrayList<>();
            Map<String, Integer> failures = new TreeMap<>();
            for (Future<Double> f : latencies) {
                try {
                    millis.add(f.get());
                } catch (ExecutionException e) {
                    // a figure, not a verdict: what failed is counted and printed with the rest
                    failures.merge(e.getCause().getMessage(), 1, Integer::sum);
                }
            }
            pool.shutdown();
            double wall = (System.nanoTime() - start) / 1e9;
            Collections.sort(millis);
            System.out.printf("  concurrency %d: p50 %.0f ms, p99 %.0f ms, %.2f answers/s, %d of %d failed%n", concurrency,
                    percentile(millis, 0.5), percentile(millis, 0.99), millis.size() / wall, n - millis.size(), n);
            failures.forEach((reason, count) -> System.out.printf("    failed %d x: %s%n", count, reason));
            CpuUsage.now(null).since(before).forEach(l -> System.out.println("    cpu " + l));
        }
    }

    double askOnce(String token, String question) throws IOException, InterruptedException {
        long start = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create(queryUrl + "/api/v1/ask"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", question, "topK", 3,
                        "strategy", "rag")))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new IllegalStateException("ask answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(body.length(), 160)));
        }
        return (System.nanoTime() - start) / 1e6;
    }

    // ------------------------------------------------------------------------------------------ (d) memory

    interface Call<T> {
        T call() throws Exception;
    }

    /** Runs the call while sampling the service's RSS (service and its children) under {@code label}. */
    <T> T sampled(String label, Call<T> call) throws Exception {
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                rssSamples.add(encode(label, rss()));
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        try {
            return call.call();
        } finally {
            sampler.interrupt();
        }
    }

    static long encode(String label, long bytes) {
        return (label.equals("training") ? 1L << 62 : 0) | bytes;
    }

    long peak(String label) {
        boolean training = label.equals("training");
        synchronized (rssSamples) {
            return rssSamples.stream().filter(v -> ((v & (1L << 62)) != 0) == training)
                    .mapToLong(v -> v & ~(1L << 62)).max().orElse(0);
        }
    }

    /** Resident memory of model-service and its descendants (the training worker), from /proc. */
    long rss() {
        if (modelPid == 0) {
            return 0;
        }
        return ProcessHandle.of(modelPid).map(p -> {
            long total = rssOf(p.pid());
            for (var child : p.descendants().toList()) {
                total += rssOf(child.pid());
            }
            return total;
        }).orElse(0L);
    }

    static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return 0;
    }

    static String mib(long bytes) {
        return bytes == 0 ? "n/a" : (bytes >> 20) + " MiB";
    }

    // ------------------------------------------------------------------------------------------ statistics

    interface Figure {
        double of(Timing t);
    }

    static double median(List<Timing> timings, Figure figure) {
        return medianOf(timings.stream().map(figure::of).toList());
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : percentile(sorted, 0.5);
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
