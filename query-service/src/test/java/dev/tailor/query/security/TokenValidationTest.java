package dev.tailor.query.security;

import dev.tailor.testsupport.PrometheusSamples;
import dev.tailor.testsupport.Tokens;
import dev.tailor.query.support.ExtractiveAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Only valid tokens of the configured realm get in; everything else is 401, and health stays open. */
@QuarkusTest
@TestProfile(ExtractiveAnswers.class)
class TokenValidationTest {

    static final Map<String, Object> SEARCH = Map.of("query", "pager", "topK", 1);

    @Test
    void aValidTokenIsAccepted() {
        given().auth().oauth2(Tokens.of("alice")).contentType(ContentType.JSON).get("/v1/models")
                .then().statusCode(200).body("data.id", org.hamcrest.Matchers.hasItems("tailor", "tailor-rag",
                        "tailor-extractive", "tailor-finetuned", "tailor-finetuned-rag"));
    }

    @Test
    void aMissingTokenIs401WithABodyTheClientCanRead() {
        given().contentType(ContentType.JSON).body(SEARCH).post("/api/v1/search").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401))
                .body("detail", containsString("access token"));
        given().contentType(ContentType.JSON).body(Map.of("question", "x")).post("/api/v1/ask").then().statusCode(401);
        given().get("/v1/models").then().statusCode(401).contentType("application/json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", containsString("access token"));
    }

    @Test
    void anInvalidTokenOnTheOpenAiApiIs401InOpenAisShape() {
        given().auth().oauth2("not-a-token").contentType(ContentType.JSON)
                .body(Map.of("model", "tailor", "messages", List.of(Map.of("role", "user", "content", "hi"))))
                .post("/v1/chat/completions").then().statusCode(401).contentType("application/json")
                .body("error.type", equalTo("authentication_error"))
                .body("error.message", containsString("access token"));
    }

    /** Also: a remembered token is forgotten when it expires. */
    @Test
    void anExpiredTokenIs401() throws InterruptedException {
        String token = Tokens.fetch(Tokens.issuer(), "tailor-gateway-shortlived", "alice", "alice");
        given().auth().oauth2(token).get("/v1/models").then().statusCode(200);
        Thread.sleep(3_000); // the client's tokens live 2 s
        given().auth().oauth2(token).contentType(ContentType.JSON).body(SEARCH).post("/api/v1/search")
                .then().statusCode(401);
    }

    @Test
    void aVerifiedTokenIsRememberedButOnlyThatExactToken() {
        String token = Tokens.fetch(Tokens.issuer(), "tailor-gateway", "dave", "dave");
        double hits = rememberedTokenHits();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(SEARCH).post("/api/v1/search")
                    .then().statusCode(200);
        }
        assertThat(rememberedTokenHits() - hits).as("the 2nd and 3rd request reuse the 1st verification").isEqualTo(2);

        String[] parts = token.split("\\.");
        String escalated = parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"realm_access\":{\"roles\":[\"finance\",\"hr\"]},")) + "." + parts[2];
        String resigned = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2)
                + (parts[2].endsWith("AA") ? "BB" : "AA");
        for (String changed : List.of(escalated, resigned, token + "x")) {
            given().auth().oauth2(changed).contentType(ContentType.JSON).body(SEARCH).post("/api/v1/search")
                    .then().statusCode(401);
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() throws Exception {
        given().auth().oauth2(forged(Tokens.issuer())).contentType(ContentType.JSON).body(SEARCH)
                .post("/api/v1/search").then().statusCode(401);
    }

    @Test
    void anUnsignedTokenIs401() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64(claims(Tokens.issuer()).toJson());
        given().auth().oauth2(header + "." + payload + ".").contentType(ContentType.JSON).body(SEARCH)
                .post("/api/v1/search").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        // A genuine Keycloak token, but of the master realm: right server, wrong issuer and keys.
        String master = Tokens.issuer().replace("/realms/tailor", "/realms/master");
        String token = Tokens.fetch(master, "admin-cli", "admin", "admin");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(SEARCH).post("/api/v1/search")
                .then().statusCode(401);
    }

    @Test
    void healthNeedsNoToken() {
        given().get("/q/health/live").then().statusCode(200);
    }

    private static String forged(String issuer) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("not-keycloaks-key");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(issuer).toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static JwtClaims claims(String issuer) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("mallory");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setClaim("typ", "Bearer");
        claims.setClaim("azp", "tailor-gateway");
        claims.setClaim("realm_access", Map.of("roles", List.of("engineering", "finance", "hr", "tailor-admin")));
        return claims;
    }

    private static double rememberedTokenHits() {
        return PrometheusSamples.sum(given().get("/q/metrics").then().statusCode(200).extract().asString(),
                "cache_gets_total", Map.of("cache", VerifiedTokens.CACHE_NAME, "result", "hit"));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
