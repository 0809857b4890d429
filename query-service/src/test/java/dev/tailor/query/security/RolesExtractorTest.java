package dev.tailor.query.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RolesExtractorTest {

    final RolesExtractor keycloak = new RolesExtractor("realm_access/roles");

    @Test
    void readsTheRolesAtTheClaimPathAndAddsPublic() {
        assertThat(keycloak.roles(Map.of("realm_access", Map.of("roles", List.of("finance", "engineering")))))
                .containsExactly("engineering", "finance", "public");
    }

    @Test
    void aMissingClaimMeansOnlyPublic() {
        assertThat(keycloak.roles(Map.of("sub", "dave"))).containsExactly("public");
        assertThat(keycloak.roles(Map.of("realm_access", Map.of()))).containsExactly("public");
    }

    @Test
    void aMalformedClaimMeansOnlyPublic() {
        assertThat(keycloak.roles(Map.of("realm_access", "engineering"))).containsExactly("public");
        assertThat(keycloak.roles(Map.of("realm_access", Map.of("roles", List.of(42, "", Map.of())))))
                .containsExactly("public");
    }

    @Test
    void followsAConfiguredPathAndAcceptsSpaceSeparatedStrings() {
        assertThat(new RolesExtractor("groups").roles(Map.of("groups", List.of("hr")))).containsExactly("hr", "public");
        assertThat(new RolesExtractor("ext/tailor/roles").roles(Map.of("ext", Map.of("tailor", Map.of("roles", "hr legal")))))
                .containsExactly("hr", "legal", "public");
    }

    @Test
    void aBlankPathIsRejected() {
        assertThatThrownBy(() -> new RolesExtractor(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
