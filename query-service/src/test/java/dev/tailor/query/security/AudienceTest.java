package dev.tailor.query.security;

import dev.tailor.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API takes only tokens issued for it (audience {@code tailor-api}): the realm's own issuer and keys are not
 * enough, or a token any client of the realm obtained for a user would open the user's documents to that client.
 */
@QuarkusTest
class AudienceTest {

    static final String AUDIENCE = "tailor-api";

    @Test
    void aTokenOfTheRealmIssuedToAnotherClientIs401() throws Exception {
        // admin-cli exists in every Keycloak realm and issues tokens without the API's audience mapper.
        String token = Tokens.fetch(Tokens.issuer(), "admin-cli", "alice", "alice");
        JwtClaims claims = claims(token);
        assertThat(claims.getIssuer()).isEqualTo(Tokens.issuer());
        assertThat(claims.getClaimValueAsString("azp")).isEqualTo("admin-cli");
        assertThat(claims.getClaimValueAsString("typ")).isEqualTo("Bearer");
        assertThat(audience(claims)).doesNotContain(AUDIENCE);

        given().auth().oauth2(token).get("/v1/models").then().statusCode(401);
    }

    @Test
    void theSameUsersTokenIssuedForTheApiIsAccepted() throws Exception {
        String token = Tokens.fetch(Tokens.issuer(), "tailor-gateway", "alice", "alice");
        assertThat(audience(claims(token))).contains(AUDIENCE);

        given().auth().oauth2(token).get("/v1/models").then().statusCode(200);
    }

    /** The token's claims as they are; query-service is what verifies them. */
    private static JwtClaims claims(String token) throws InvalidJwtException {
        return JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static List<String> audience(JwtClaims claims) throws MalformedClaimException {
        return claims.hasAudience() ? claims.getAudience() : List.of();
    }
}
