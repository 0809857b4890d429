package dev.tailor.query.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat provider that writes a streamed answer slowly (a token every 200 ms for 30 s) and notes when the caller hung
 * up on it: the boundary where a model call is cancelled. WireMock cannot tell that a client went away; this can.
 */
public class SlowStreamingProvider implements QuarkusTestResourceLifecycleManager {

    public static final AtomicBoolean HUNG_UP = new AtomicBoolean();
    public static final AtomicInteger TOKENS_SENT = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/chat/completions", this::stream);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return Map.of("tailor.query.chat.enabled", "true",
                "tailor.query.chat.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "tailor.query.chat.timeout", "10s");
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 150; i++) {
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token" + i + " \"},\"finish_reason\":null}]}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                TOKENS_SENT.incrementAndGet();
                Thread.sleep(200); // the pace of a slow model
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            HUNG_UP.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
