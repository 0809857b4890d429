package dev.tailor.query.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.query.rest.dto.AskRequest;
import dev.tailor.query.rest.dto.SearchRequest;
import dev.tailor.query.rest.dto.SearchResponse;
import dev.tailor.query.rest.dto.SearchResult;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.validation.Validator;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Runs the part of a request that needs no token before the service reports ready: the JSON and bean validation of
 * the API's requests and responses, on the very {@link ObjectMapper} and {@link Validator} the endpoints use, and an
 * unauthenticated request over HTTP to this service (Vert.x, routing, the bearer check, the 401 problem body). A
 * young service's first authenticated requests otherwise paid for all of it at once, on top of their own work.
 * What stays cold is what only a valid token reaches: its signature check and the endpoints' own code.
 */
@Readiness
@ApplicationScoped
public class RequestPathWarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RequestPathWarmUp.class);
    private static final byte[] SEARCH = "{\"query\": \"How do I request a new laptop?\", \"topK\": 5}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String ASK = "{\"question\": \"Who approves purchase orders?\", \"topK\": 5, \"strategy\": \"rag\"}";

    private final ObjectMapper json;
    private final Validator validator;
    private final int rounds;
    private volatile boolean done;

    RequestPathWarmUp(ObjectMapper json, Validator validator, QueryConfig config) {
        this.json = json;
        this.validator = validator;
        this.rounds = config.api().warmUpRounds();
        this.done = rounds <= 0;
    }

    /**
     * Quarkus announces its HTTP server asynchronously once it listens, on a worker thread: the rounds run right there,
     * off the event loop, before the service reports ready.
     */
    void onHttpStart(@ObservesAsync HttpServerStart started, HttpServer server) {
        if (done) {
            return;
        }
        // the port it listens on, not the one configured: 0 (any) in tests
        URI search = URI.create("http://127.0.0.1:" + server.getPort() + "/api/v1/search");
        long start = System.nanoTime();
        try {
            SearchResponse response = new SearchResponse(Collections.nCopies(5,
                    new SearchResult("doc-1", 0, "A title", "A passage of the index. ".repeat(40), 0.5)));
            for (int i = 0; i < rounds; i++) {
                validator.validate(json.readValue(SEARCH, SearchRequest.class));
                validator.validate(json.readValue(ASK, AskRequest.class));
                json.writeValueAsBytes(response);
                unauthenticated(search);
            }
            LOG.infof("request path warmed up with %d rounds in %d ms", rounds, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("request path warm-up stopped (%s): %s", search, e.toString());
        } finally {
            done = true;
        }
    }

    /** A search without a token, answered 401 by the service itself. */
    private static void unauthenticated(URI search) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) search.toURL().openConnection();
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(2_000);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream body = connection.getOutputStream()) {
            body.write(SEARCH);
        }
        if (connection.getResponseCode() != HttpURLConnection.HTTP_UNAUTHORIZED) {
            throw new IOException("an unauthenticated search was answered " + connection.getResponseCode());
        }
        try (InputStream problem = connection.getErrorStream()) {
            if (problem != null) {
                problem.readAllBytes();
            }
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("request-path-warm-up").status(done).build();
    }
}
