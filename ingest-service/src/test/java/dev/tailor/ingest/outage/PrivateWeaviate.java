package dev.tailor.ingest.outage;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Weaviate process of this test alone (the stack's one is shared and must never be stopped), on free ports and a
 * temporary data directory that survives {@link #kill()} and {@link #start()}, as a real outage would.
 */
final class PrivateWeaviate {

    static final Path BINARY = Path.of(System.getProperty("user.home"),
            ".cache/tailor/weaviate-v1.38.11/weaviate-server");

    // consecutive ports, as Weaviate's own defaults are (gossip/data and raft/rpc pairs are expected adjacent)
    private final int base = freeRange(6);
    final int httpPort = base;
    final int grpcPort = base + 1;
    private final int gossipPort = base + 2;
    private final int dataPort = base + 3;
    private final int raftPort = base + 4;
    private final int raftRpcPort = base + 5;
    private final Path dataDir;
    private final Path log;
    private Process process;

    PrivateWeaviate() throws IOException {
        dataDir = Files.createTempDirectory("ingest-outage-weaviate");
        log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    synchronized void start() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("no Weaviate binary at " + BINARY + " (dev/lib/infra.sh installs it)");
        }
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(httpPort), "--scheme", "http");
        pb.environment().putAll(Map.ofEntries(
                Map.entry("DISABLE_TELEMETRY", "true"),
                Map.entry("CLUSTER_IN_LOCALHOST", "true"),
                Map.entry("RAFT_BOOTSTRAP_EXPECT", "1"),
                Map.entry("CLUSTER_HOSTNAME", "ingest-outage-test"),
                Map.entry("CLUSTER_BIND_ADDR", "127.0.0.1"),
                Map.entry("CLUSTER_ADVERTISE_ADDR", "127.0.0.1"),
                Map.entry("CLUSTER_GOSSIP_BIND_PORT", Integer.toString(gossipPort)),
                Map.entry("CLUSTER_DATA_BIND_PORT", Integer.toString(dataPort)),
                Map.entry("RAFT_PORT", Integer.toString(raftPort)),
                Map.entry("RAFT_INTERNAL_RPC_PORT", Integer.toString(raftRpcPort)),
                Map.entry("PERSISTENCE_DATA_PATH", dataDir.toString()),
                Map.entry("DEFAULT_VECTORIZER_MODULE", "none"),
                Map.entry("ENABLE_MODULES", ""),
                Map.entry("AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED", "true"),
                Map.entry("GRPC_PORT", Integer.toString(grpcPort)),
                Map.entry("GO_PROFILING_DISABLE", "true"),
                Map.entry("LIMIT_RESOURCES", "true"),
                Map.entry("GOMEMLIMIT", "512MiB"),
                Map.entry("LOG_LEVEL", "warning")));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY, e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!ready()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("private Weaviate did not become ready; its log ends with:\n"
                        + tail());
            }
            sleep(200);
        }
    }

    /** An abrupt outage: SIGKILL, no graceful shutdown. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized void stopAndDelete() {
        kill();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/v1/.well-known/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freeRange(int count) {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(30_000);
            boolean free = true;
            for (int p = base; p < base + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p)) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
