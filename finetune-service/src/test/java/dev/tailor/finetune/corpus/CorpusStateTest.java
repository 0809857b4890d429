package dev.tailor.finetune.corpus;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.finetune.groups.PermissionGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The corpus from the index and docs.indexed together: nothing is forgotten when the topic's events expire. */
class CorpusStateTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static IndexedDocument inIndex(String id, long version, Instant updated, String... roles) {
        return new IndexedDocument(id, version, List.of(roles), id, "h-" + id + version, 3, 300, false, updated);
    }

    static DocumentIndexed event(String id, long version, Instant at, String... roles) {
        return new DocumentIndexed(id, version, DocumentIndexed.Op.UPSERTED, List.of(roles), id, "h-" + id + version, 3,
                300, 3, 0, at, at);
    }

    @Test
    void aDocumentWhoseEventsExpiredIsKnownFromTheIndexAndQuietSinceItsLastChange() {
        CorpusState state = new CorpusState();
        Instant longAgo = NOW.minus(Duration.ofDays(90));
        state.applyIndexed(inIndex("stable", 4, longAgo, "legal"));

        var group = PermissionGroup.of(List.of("legal"));
        GroupCorpus corpus = CorpusStatistics.of(group, state.liveDocuments(), state.changes(), NOW);
        assertThat(corpus.documents()).isEqualTo(1);
        assertThat(corpus.chunks()).isEqualTo(3);
        assertThat(corpus.quietFor()).isEqualTo(Duration.ofDays(90));
        assertThat(corpus.changesLast30Days()).isZero();
    }

    @Test
    void eventsAndTheIndexAgreeByVersionAndTheHistoryKeepsEveryChangeOnce() {
        CorpusState state = new CorpusState();
        Instant t1 = NOW.minus(Duration.ofDays(2));
        Instant t2 = NOW.minus(Duration.ofDays(1));
        state.applyIndexed(inIndex("d", 2, t2, "hr"));          // the index already has version 2
        state.apply(event("d", 1, t1, "hr", "finance"));         // replayed: older, changes the history only
        state.apply(event("d", 2, t2, "hr"));
        state.apply(event("d", 2, t2, "hr"));                    // a duplicate changes nothing

        assertThat(state.liveDocuments()).singleElement().satisfies(d -> {
            assertThat(d.version()).isEqualTo(2);
            assertThat(d.allowedRoles()).containsExactly("hr");
        });
        assertThat(state.changes()).hasSize(2);
        assertThat(state.changes().get(1).rolesBefore()).containsExactly("hr", "finance");
        assertThat(state.applyIndexed(inIndex("d", 1, t1, "hr"))).as("an older index read changes nothing").isFalse();
    }

    @Test
    void theRolesBeforeAChangeAreItsPreviousVersionsEvenOutOfOrderAndOldChangesArePruned() {
        CorpusState state = new CorpusState();
        state.apply(event("d", 1, NOW.minus(Duration.ofDays(40)), "hr"));
        state.apply(event("d", 3, NOW, "legal"));
        state.apply(event("d", 2, NOW.minus(Duration.ofDays(1)), "finance"));   // arrives after version 3
        assertThat(state.changes()).extracting(CorpusChange::version, CorpusChange::rolesBefore).containsExactly(
                tuple(1L, List.of()),
                tuple(3L, List.of("hr")),
                tuple(2L, List.of("hr")));

        for (int i = state.changes().size(); i < CorpusState.PRUNE_EVERY; i++) {
            state.apply(event("other-" + i, 1, NOW, "public"));
        }
        assertThat(state.changes()).as("the change older than the history is gone, the others stay")
                .hasSize(CorpusState.PRUNE_EVERY - 1)
                .noneMatch(c -> c.docId().equals("d") && c.version() == 1);
        state.apply(event("d", 4, NOW, "hr"));
        assertThat(state.changes().get(state.changes().size() - 1).rolesBefore()).containsExactly("legal");
    }
}
