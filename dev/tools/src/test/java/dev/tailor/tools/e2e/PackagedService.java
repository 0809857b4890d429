package dev.tailor.tools.e2e;

import dev.tailor.testsupport.Stack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * One Tailor service run as users run it, {@code java -jar <service>/target/quarkus-app/quarkus-run.jar}, on a
 * free loopback port and against the real local stack, with its output in {@code target/e2e-<service>.log}.
 */
final class PackagedService implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("tailor.root", "../.."));
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private PackagedService(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static PackagedService start(String name, Map<String, String> extraEnv) throws IOException {
        return start(name, freePort(), extraEnv);
    }

    /** On a port chosen beforehand (another service's configuration names it). */
    static PackagedService start(String name, int port, Map<String, String> extraEnv) throws IOException {
        Path jar = ROOT.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the reactor builds the services before dev/tools");
        }
        Path log = Path.of("target", "e2e-" + name + ".log");
        Stack stack = Stack.fromEnvironment();
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-Xmx768m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap());
        env.put("WEAVIATE_URL", stack.weaviateUrl().toString());
        env.put("WEAVIATE_GRPC_PORT", Integer.toString(stack.weaviateGrpcPort()));
        env.put("OIDC_AUTH_SERVER_URL", stack.oidcIssuer());
        env.putAll(extraEnv);
        Process process = pb.start();
        // a test JVM stopped midway (Maven interrupted) runs no @AfterAll: the service must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-" + name));
        return new PackagedService(name, port, process, log);
    }

    PackagedService awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await(name + " ready (see " + log.toAbsolutePath() + ")").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notListeningYet) {
                        return false;
                    }
                });
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
