package dev.tailor.ingest.events;

import dev.tailor.ingest.index.DocumentChange;
import dev.tailor.contracts.DocumentUpserted;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeWavesTest {

    @Test
    void changesOfDistinctDocumentsFormOneWaveInTheirOrder() {
        var a = upsert("a", 1);
        var b = upsert("b", 1);
        var c = delete("c", 2L);

        assertThat(ChangeWaves.of(List.of(a, b, c))).containsExactly(List.of(a, b, c));
    }

    @Test
    void theKthChangeOfADocumentGoesToTheKthWaveSoItsChangesKeepTheirOrder() {
        var a1 = upsert("a", 1);
        var b1 = upsert("b", 1);
        var a2 = upsert("a", 2);
        var tombstone = delete("a", null);
        var b2 = upsert("b", 2);
        var c1 = upsert("c", 1);

        assertThat(ChangeWaves.of(List.of(a1, b1, a2, tombstone, b2, c1)))
                .containsExactly(List.of(a1, b1, c1), List.of(a2, b2), List.of(tombstone));
    }

    @Test
    void noChangesNoWaves() {
        assertThat(ChangeWaves.of(List.of())).isEmpty();
    }

    private static DocumentChange upsert(String docId, long version) {
        return new DocumentChange.Upsert(new DocumentUpserted(docId, version, "t", "text", "text/plain",
                List.of("public"), null, null, Map.of()), Instant.EPOCH);
    }

    private static DocumentChange delete(String docId, Long version) {
        return new DocumentChange.Delete(docId, version, Instant.EPOCH);
    }
}
