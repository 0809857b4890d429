package dev.tailor.tools.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.tools.Stack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Real access tokens of the demo users (password grant of the public {@code tailor-gateway} client). */
final class Keycloak {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Keycloak() {
    }

    static String token(String user) throws Exception {
        String form = "grant_type=password&client_id=tailor-gateway&username=" + enc(user) + "&password=" + enc(user);
        var request = HttpRequest.newBuilder(URI.create(Stack.fromEnvironment().oidcIssuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + user + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
