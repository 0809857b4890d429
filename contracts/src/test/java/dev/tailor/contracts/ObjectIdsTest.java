package dev.tailor.contracts;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectIdsTest {

    @Test
    void theSameChunkAlwaysGetsTheSameIdSoReplaysOverwrite() {
        assertThat(ObjectIds.chunk("doc-1", 3)).isEqualTo(ObjectIds.chunk("doc-1", 3));
    }

    @Test
    void differentDocumentsPositionsAndKindsGetDifferentIds() {
        assertThat(ObjectIds.chunk("doc-1", 3)).isNotEqualTo(ObjectIds.chunk("doc-1", 4));
        assertThat(ObjectIds.chunk("doc-1", 3)).isNotEqualTo(ObjectIds.chunk("doc-2", 3));
        assertThat(ObjectIds.document("doc-1")).isNotEqualTo(ObjectIds.chunk("doc-1", 0));
    }

    @Test
    void idsAreVersion5NameBasedUuids() {
        UUID id = ObjectIds.document("doc-1");
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void matchesTheRfcAlgorithmOnAKnownVector() {
        // RFC 4122 appendix example namespace (DNS) and name, computed independently: 2ed6657d-e927-568b-95e1-2665a8aea6a2
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(ObjectIds.v5(dns, "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }
}
