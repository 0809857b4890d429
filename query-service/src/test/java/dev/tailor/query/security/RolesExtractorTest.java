package dev.tailor.query.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolesExtractorTest {

    final RolesExtractor keycloak = new RolesExtractor("realm_access/roles");

    @Test
    void readsTheRolesAtTheClaimPathAndAddsPublic() {
        assertThat(keycloak.roles(Map.of("realm_access", Map.of("roles", List.of("finance", "engineering")))::get))
                .containsExactly("engineering", "finance", "public");
    }

    @Test
    void aMissingClaimMeansOnlyPublic() {
        assertThat(keycloak.roles(Map.of("sub", "dave")::get)).containsExactly("public");
        assertThat(keycloak.roles(Map.of("realm_access", Map.of())::get)).containsExactly("public");
    }

    @Test
    void aMalformedClaimMeansOnlyPublic() {
        assertThat(keycloak.roles(Map.of("realm_access", "engineering")::get)).containsExactly("public");
        assertThat(keycloak.roles(Map.of("realm_access", Map.of("roles", List.of(42, "", Map.of())))::get))
                .containsExactly("public");
    }

    @Test
    void followsAConfiguredPathAndAcceptsSpaceSeparatedStrings() {
        assertThat(new RolesExtractor("groups").roles(Map.of("groups", List.of("hr"))::get)).containsExactly("hr", "public");
        assertThat(new RolesExtractor("ext/tailor/roles").roles(Map.of("ext", Map.of("tailor", Map.of("roles", "hr legal")))::get))
                .containsExactly("hr", "legal", "public");
    }

    @Test
    void readsTheJsonValuesATokenHandsOut() {
        JsonObject realmAccess = Json.createObjectBuilder()
                .add("roles", Json.createArrayBuilder().add("finance").add("engineering")).build();
        assertThat(keycloak.roles(Map.of("realm_access", realmAccess)::get)).containsExactly("engineering", "finance", "public");
        assertThat(new RolesExtractor("scope").roles(Map.of("scope", Json.createValue("hr legal"))::get))
                .containsExactly("hr", "legal", "public");
    }

    @Test
    void aBlankPathIsRejected() {
        assertThatThrownBy(() -> new RolesExtractor(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
