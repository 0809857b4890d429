package dev.tailor.ingest.support;

import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;

/** Access tokens of the realm's demo users (password grant of the public client {@code tailor-gateway}). */
public final class Tokens {

    private Tokens() {
    }

    public static String of(String user) {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
        return RestAssured.given()
                .formParam("grant_type", "password")
                .formParam("client_id", "tailor-gateway")
                .formParam("username", user)
                .formParam("password", user)
                .post(issuer + "/protocol/openid-connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
