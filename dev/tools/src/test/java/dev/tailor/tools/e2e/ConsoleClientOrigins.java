package dev.tailor.tools.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tailor.testsupport.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The web origins of the realm's console client, changed through Keycloak's admin API (the local stack's admin,
 * {@code admin}/{@code admin}, or KEYCLOAK_ADMIN/KEYCLOAK_ADMIN_PASSWORD). The console on a free port signs in from an
 * origin the realm does not list: Keycloak's token endpoint answers a browser only for listed origins.
 */
final class ConsoleClientOrigins {

    private static final String CLIENT_ID = "tailor-console";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleClientOrigins() {
    }

    static void add(String origin) throws IOException, InterruptedException {
        change(origin, true);
    }

    static void remove(String origin) throws IOException, InterruptedException {
        change(origin, false);
    }

    private static void change(String origin, boolean add) throws IOException, InterruptedException {
        String issuer = Tokens.issuer();
        String base = issuer.substring(0, issuer.indexOf("/realms/"));
        String realm = issuer.substring(issuer.indexOf("/realms/") + "/realms/".length());
        String token = adminToken(base);
        String clients = base + "/admin/realms/" + realm + "/clients";
        var found = send(HttpRequest.newBuilder(URI.create(clients + "?clientId=" + CLIENT_ID))
                .header("Authorization", "Bearer " + token).build());
        ObjectNode client = (ObjectNode) JSON.readTree(found).get(0);
        if (client == null) {
            throw new IllegalStateException("the realm has no client " + CLIENT_ID + " (dev/infra/keycloak/realm-tailor.json)");
        }
        ArrayNode origins = client.withArray("webOrigins");
        for (int i = origins.size() - 1; i >= 0; i--) {
            if (origins.get(i).asText().equals(origin)) {
                origins.remove(i);
            }
        }
        if (add) {
            origins.add(origin);
        }
        send(HttpRequest.newBuilder(URI.create(clients + "/" + client.get("id").asText()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build());
    }

    private static String adminToken(String base) {
        return Tokens.fetch(base + "/realms/master", "admin-cli",
                System.getenv().getOrDefault("KEYCLOAK_ADMIN", "admin"),
                System.getenv().getOrDefault("KEYCLOAK_ADMIN_PASSWORD", "admin"));
    }

    private static String send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + response.statusCode() + " "
                    + response.body());
        }
        return response.body();
    }
}
