package dev.tailor.tools.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentUpserted;
import dev.tailor.testsupport.Awaits;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.Tokens;
import dev.tailor.testsupport.TopicWriter;
import dev.tailor.tools.corpus.CorpusDocument;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web console end to end: the packaged query-, ingest- and finetune-service on the real stack, driven in headless
 * Chromium by {@code dev/tools/console-e2e/console.e2e.mjs} (playwright-core, Debian's chromium; {@code dev/test}
 * installs both). alice signs in through Keycloak, asks about Project Falcon and sees the launch date and its
 * citation; dave asks the same and no engineering text reaches his page; admin browses every page, sees a training
 * run of a tiny permission group of this test move and, on the Ingest page, the changes this test publishes while it
 * looks. The script takes each page's screenshot into {@code docs/screenshots/} (the README shows them) and prints the
 * console's page weight and first paint.
 */
class ConsoleE2ETest {

    private static final Path ROOT = Path.of(System.getProperty("tailor.root", "../.."));
    private static final Path SCRIPT_DIR = ROOT.resolve("dev/tools/console-e2e");
    /** Two answers (one by the local chat model, minutes when training shares its cores) and a training run starting. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(20);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** A role nobody holds: its documents form a permission group of their own, small enough to train in minutes. */
    private static final String ROLE = "e2e-console-" + RUN;
    private static final String GROUP = "g-" + ROLE;
    /** The script's line asking for document changes while it watches the Ingest page. */
    private static final String TRAFFIC_CUE = "ingest page open: publish changes";
    private static final int SHIFT_NOTES = 3;

    private static PackagedService ingest;
    private static PackagedService query;
    private static PackagedService finetune;
    private static String consoleOrigin;

    @BeforeAll
    static void startServices() throws Exception {
        int queryPort = PackagedService.freePort();
        String console = "http://127.0.0.1:" + queryPort;
        // the realm admits the local stack's console origin; this one (a free port) only while the test runs
        ConsoleClientOrigins.add(console);
        consoleOrigin = console;
        String modelService = System.getenv().getOrDefault("MODEL_SERVICE_URL", "http://127.0.0.1:8083/v1");
        ingest = PackagedService.start("ingest-service", Map.of(
                "TAILOR_INGEST_GROUP_ID", "e2e-console-" + RUN,
                "MP_MESSAGING_INCOMING_DOCS_CHANGES_AUTO_OFFSET_RESET", "latest",
                "QUARKUS_HTTP_CORS_ORIGINS", console)).awaitReady();
        finetune = PackagedService.start("finetune-service", Map.of(
                "QUARKUS_HTTP_CORS_ORIGINS", console,
                // only the run this test starts: the schedule would train every stable group of the shared stack
                "TAILOR_FINETUNE_SCHEDULE_CRON", "off",
                "TAILOR_FINETUNE_MIN_EXAMPLES", "2",
                // one call of the local model per chunk: its progress shows within a minute or two, not ten
                "TAILOR_FINETUNE_GENERATION_REPHRASE", "false",
                "TAILOR_FINETUNE_PROVIDER_BASE_URL", modelService,
                "TAILOR_FINETUNE_GENERATION_BASE_URL", modelService)).awaitReady();
        query = PackagedService.start("query-service", queryPort, Map.of(
                // the local chat model, as by default, with room for a busy CPU
                "OPENAI_BASE_URL", modelService,
                "OPENAI_TIMEOUT", "300s",
                "QUARKUS_REST_CLIENT_CHAT_READ_TIMEOUT", "300000",
                "TAILOR_CONSOLE_INGEST_URL", ingest.uri("").toString(),
                "TAILOR_CONSOLE_FINETUNE_URL", finetune.uri("").toString())).awaitReady();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (finetune != null) {
            cancelRuns();
            finetune.close();
        }
        if (ingest != null) {
            deleteDocuments();
        }
        if (query != null) {
            query.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (consoleOrigin != null) {
            ConsoleClientOrigins.remove(consoleOrigin);
        }
    }

    @Test
    void peopleUseTheConsole() throws Exception {
        requireTools();
        publishDocuments();
        Path screenshots = ROOT.resolve("docs/screenshots").toAbsolutePath().normalize();
        Instant started = Instant.now();
        ProcessBuilder pb = new ProcessBuilder("node", "console.e2e.mjs")
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(Map.of(
                "CONSOLE_URL", query.uri("").toString(),
                "SCREENSHOTS", screenshots.toString(),
                "CORPUS", ROOT.resolve("dev/corpus").toAbsolutePath().toString(),
                "TRAIN_GROUP", GROUP));
        Process node = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.descendants().forEach(ProcessHandle::destroy);
            node.destroy();
        }, "stop-console-e2e"));
        StringBuffer output = new StringBuffer();
        boolean ended;
        try (TopicWriter topic = new TopicWriter(); ShiftNotes notes = new ShiftNotes(topic)) {
            Thread pump = new Thread(() -> node.inputReader().lines().forEach(line -> {
                System.out.println("[console-e2e] " + line);
                output.append(line).append('\n');
                if (line.contains(TRAFFIC_CUE)) {
                    notes.start();
                }
            }), "console-e2e-output");
            pump.setDaemon(true);
            pump.start();
            ended = node.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!ended) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly().waitFor();
            }
            pump.join(Duration.ofSeconds(10).toMillis());
        }
        assertThat(ended).as("console.e2e.mjs ends within " + SCRIPT_TIMEOUT + ":\n" + output).isTrue();
        assertThat(node.exitValue()).as("console.e2e.mjs:\n" + output).isZero();
        for (String page : List.of("ask", "ask-passage", "ask-dave", "documents", "groups", "advisor", "ingest")) {
            assertThat(Files.getLastModifiedTime(screenshots.resolve(page + ".png")).toInstant())
                    .as("the screenshot of " + page + " is of this run").isAfter(started);
        }
    }

    /**
     * The sample corpus (alice's Falcon question needs it; dave's check reads its engineering documents), and the tiny
     * group's two documents, published until the test's own consumer, which starts at the end of the topic, has
     * indexed them all. Versions are new each time, so every attempt is applied (unchanged text is not re-embedded).
     */
    private static void publishDocuments() throws Exception {
        List<CorpusDocument> corpus;
        try (Stream<Path> files = Files.walk(ROOT.resolve("dev/corpus"))) {
            corpus = files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .sorted().map(CorpusDocument::read).toList();
        }
        String admin = Tokens.of("admin");
        try (TopicWriter topic = new TopicWriter()) {
            Awaits.repeatUntil("the corpus and the tiny group are indexed", Duration.ofMinutes(3), Duration.ofSeconds(10),
                    attempt -> {
                        long version = System.currentTimeMillis();
                        topic.send(Stream.concat(corpus.stream().map(d -> d.toEvent(version)), tinyGroup(version).stream())
                                .map(DocumentChanges::upsert).toList());
                    },
                    () -> {
                        for (String docId : List.of("eng-falcon-overview", tinyGroup(0).get(0).docId(),
                                tinyGroup(0).get(1).docId())) {
                            if (indexedVersion(admin, docId) == 0) {
                                return false;
                            }
                        }
                        return true;
                    });
        }
    }

    private static List<DocumentUpserted> tinyGroup(long version) {
        return List.of(
                DocumentChanges.doc("e2e-console-valves-" + RUN, version, "Valve maintenance " + RUN, """
                        # Valve maintenance

                        The quillon valves of press line 7 are replaced every 9 weeks by the night shift.

                        ## Parts

                        Replacement quillon valves are ordered from Brask Hydraulics, part number QV-7731.
                        """, ROLE),
                DocumentChanges.doc("e2e-console-press-" + RUN, version, "Press line 7 " + RUN, """
                        # Press line 7

                        Press line 7 stamps the chassis plates of the Atlas picker at 40 strokes per minute.

                        ## Safety

                        The light curtain of press line 7 is tested at the start of every shift.
                        """, ROLE));
    }

    /**
     * Two changes a second to a few notes of the tiny group while the script watches the Ingest page, so that it shows
     * the flow (each version's text differs: every change is embedded and indexed).
     */
    private static final class ShiftNotes implements AutoCloseable {
        private final TopicWriter topic;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "console-e2e-shift-notes");
            t.setDaemon(true);
            return t;
        });
        private final AtomicInteger sent = new AtomicInteger();

        ShiftNotes(TopicWriter topic) {
            this.topic = topic;
        }

        void start() {
            timer.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                topic.send(DocumentChanges.upsert(DocumentChanges.doc(shiftNoteId(n % SHIFT_NOTES),
                        System.currentTimeMillis(), "Shift note " + RUN, "# Shift note\n\nPress line 7 ran "
                                + (1200 + n) + " strokes in shift " + n + " without a stop.\n", ROLE)));
            }, 0, 500, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String shiftNoteId(int i) {
        return "e2e-console-shift-" + RUN + "-" + i;
    }

    /**
     * This run's documents leave the shared index (and the tiny group finetune-service's list), deleted through the
     * test's ingest-service before it stops. Best effort: a deletion not seen in time is reported, not failed.
     */
    private static void deleteDocuments() throws Exception {
        List<String> docIds = Stream.concat(tinyGroup(0).stream().map(DocumentUpserted::docId),
                Stream.iterate(0, i -> i < SHIFT_NOTES, i -> i + 1).map(ConsoleE2ETest::shiftNoteId)).toList();
        long version = System.currentTimeMillis();
        try (TopicWriter topic = new TopicWriter()) {
            docIds.forEach(docId -> topic.send(DocumentChanges.delete(docId, version)));
        }
        String admin = Tokens.of("admin");
        try {
            await("this run's documents deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        for (String docId : docIds) {
                            JsonNode status = indexed(admin, docId);
                            if (status != null && !status.path("deleted").asBoolean()) {
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            System.err.println("[console-e2e] " + e.getMessage() + ": they stay in the index");
        }
    }

    private static long indexedVersion(String token, String docId) throws Exception {
        JsonNode status = indexed(token, docId);
        return status == null ? 0 : status.get("version").asLong();
    }

    /** The document's indexed state (version, deleted…), or null if the index has never had it. */
    private static JsonNode indexed(String token, String docId) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(ingest.uri("/api/v1/documents/" + docId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    /** The test's training run would keep model-service's cores busy for minutes after the test: cancel it. */
    private static void cancelRuns() throws Exception {
        String admin = Tokens.of("admin");
        var jobs = HTTP.send(HttpRequest.newBuilder(finetune.uri("/api/v1/jobs?group=" + GROUP))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        if (jobs.statusCode() != 200) {
            return;
        }
        for (JsonNode job : JSON.readTree(jobs.body())) {
            HTTP.send(HttpRequest.newBuilder(finetune.uri("/api/v1/jobs/" + job.get("id").asText() + "/cancel"))
                    .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Installed by dev/test (dev/lib/console.sh); without them this test fails, saying how to get them. */
    private static void requireTools() throws IOException {
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")))
                .as("Chromium for the console test: run ./dev/test, or apt-get install chromium").exists();
        assertThat(SCRIPT_DIR.resolve("node_modules/playwright-core"))
                .as("playwright-core for the console test: run ./dev/test, or npm ci in " + SCRIPT_DIR).exists();
    }
}
