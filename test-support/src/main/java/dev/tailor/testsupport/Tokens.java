package dev.tailor.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real access tokens from the running Keycloak: password grant of the public client {@code tailor-gateway} for the
 * realm's demo users (password = user name), reused while they have more than a minute to live.
 */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private record Token(String value, Instant expires) {
    }

    private Tokens() {
    }

    /** The realm's issuer URL (OIDC_AUTH_SERVER_URL). */
    public static String issuer() {
        return Stack.fromEnvironment().oidcIssuer();
    }

    /** A token of the demo user {@code user}. */
    public static String of(String user) {
        return CACHE.compute(user, (u, cached) -> cached != null && cached.expires().isAfter(Instant.now().plusSeconds(60))
                ? cached : request(issuer(), "tailor-gateway", u, u)).value();
    }

    /** A fresh token of any user from any client of any realm. */
    public static String fetch(String issuer, String client, String user, String password) {
        return request(issuer, client, user, password).value();
    }

    private static Token request(String issuer, String client, String user, String password) {
        String form = "grant_type=password&client_id=" + encode(client) + "&username=" + encode(user)
                + "&password=" + encode(password);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + user + " from " + issuer + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return new Token(body.get("access_token").asText(),
                    Instant.now().plus(Duration.ofSeconds(body.path("expires_in").asLong(60))));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + issuer, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
