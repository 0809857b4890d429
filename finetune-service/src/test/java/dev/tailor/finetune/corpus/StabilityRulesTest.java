package dev.tailor.finetune.corpus;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.finetune.groups.PermissionGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StabilityRulesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final PermissionGroup ENG = PermissionGroup.of(List.of("engineering"));

    static DocumentIndexed upsert(String id, long version, Instant at, String hash, String... roles) {
        return new DocumentIndexed(id, version, DocumentIndexed.Op.UPSERTED, List.of(roles), id, hash, 5, 500, 5, 0, at, at);
    }

    static GroupCorpus corpus(CorpusState state) {
        return CorpusStatistics.of(ENG, state.liveDocuments(), state.changes(), NOW);
    }

    @Test
    void sizesAndChangeWindowsCountOnlyTheGroupsTrainingCorpus() {
        var state = new CorpusState();
        state.apply(upsert("a", 1, NOW.minus(Duration.ofDays(20)), "h1", "engineering"));
        state.apply(upsert("a", 2, NOW.minus(Duration.ofDays(3)), "h2", "engineering"));
        state.apply(upsert("p", 1, NOW.minus(Duration.ofHours(2)), "h3", "public"));
        state.apply(upsert("f", 1, NOW.minus(Duration.ofMinutes(1)), "h4", "finance"));
        var c = corpus(state);
        // the public document is the public group's to learn, not engineering's; finance's is not readable
        assertThat(c.documents()).isEqualTo(1);
        assertThat(c.chunks()).isEqualTo(5);
        assertThat(c.tokens()).isEqualTo(500);
        assertThat(c.changesLastDay()).isZero();
        assertThat(c.changesLast7Days()).isEqualTo(1);
        assertThat(c.changesLast30Days()).isEqualTo(2);
        assertThat(c.lastChange()).isEqualTo(NOW.minus(Duration.ofDays(3)));
        assertThat(c.quietFor()).isEqualTo(Duration.ofDays(3));
        assertThat(c.medianGap()).isEqualTo(Duration.ofDays(17));

        var pub = CorpusStatistics.of(PermissionGroup.of(List.of("public")), state.liveDocuments(), state.changes(), NOW);
        assertThat(pub.documents()).isEqualTo(1);
        assertThat(pub.quietFor()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aMedianGapNeedsTwoChangesAndAveragesTheMiddleTwo() {
        assertThat(CorpusStatistics.medianGap(List.of(NOW))).isNull();
        assertThat(CorpusStatistics.medianGap(List.of(NOW, NOW.plusSeconds(10), NOW.plusSeconds(40), NOW.plusSeconds(100))))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(CorpusStatistics.medianGap(List.of(NOW, NOW.plusSeconds(10), NOW.plusSeconds(40))))
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aReplayChangesNothingAndAnOlderVersionOnlyJoinsTheHistory() {
        var state = new CorpusState();
        var e = upsert("a", 2, NOW.minus(Duration.ofDays(1)), "h2", "engineering");
        assertThat(state.apply(e)).isTrue();
        assertThat(state.apply(e)).isFalse();
        // the index may already hold version 2 when docs.indexed replays version 1: a change that did happen
        assertThat(state.apply(upsert("a", 1, NOW.minus(Duration.ofDays(2)), "h1", "engineering"))).isTrue();
        assertThat(state.liveDocuments()).singleElement().extracting(IndexedDocument::version).isEqualTo(2L);
        assertThat(state.changes()).hasSize(2);
    }

    @Test
    void theFingerprintFollowsContentAndVersionButNotOtherGroups() {
        var state = new CorpusState();
        state.apply(upsert("a", 1, NOW.minus(Duration.ofDays(1)), "h1", "engineering"));
        String before = corpus(state).fingerprint();
        state.apply(upsert("f", 1, NOW, "hf", "finance"));
        assertThat(corpus(state).fingerprint()).isEqualTo(before);
        state.apply(upsert("a", 2, NOW, "h1b", "engineering"));
        assertThat(corpus(state).fingerprint()).isNotEqualTo(before);
    }

    @Test
    void movingADocumentAwayCountsAsAChangeForTheGroupItLeft() {
        var state = new CorpusState();
        state.apply(upsert("a", 1, NOW.minus(Duration.ofDays(10)), "h1", "engineering"));
        state.apply(upsert("a", 2, NOW.minus(Duration.ofHours(1)), "h1", "finance"));
        var c = corpus(state);
        assertThat(c.documents()).isZero();
        assertThat(c.quietFor()).isEqualTo(Duration.ofHours(1));
    }

    GroupCorpus quietFor(Duration quiet, long chunks, String fingerprint) {
        return new GroupCorpus(ENG, fingerprint, 1, chunks, chunks * 100, NOW.minus(quiet), quiet, 0, 0, 1, null);
    }

    @Test
    void aQuietChangedLargeEnoughGroupIsEligible() {
        var e = TrainingEligibility.evaluate(quietFor(Duration.ofHours(7), 20, "new"), "old", null, Duration.ofHours(6), 10, false);
        assertThat(e.eligible()).isTrue();
        assertThat(e.reasons()).isEmpty();
    }

    @Test
    void aGroupThatChangedWithinTheQuietPeriodIsNot() {
        var e = TrainingEligibility.evaluate(quietFor(Duration.ofHours(1), 20, "new"), "old", null, Duration.ofHours(6), 10, false);
        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).singleElement().asString().contains("quiet period");
    }

    @Test
    void anUnchangedGroupIsNotTrainedAgain() {
        var e = TrainingEligibility.evaluate(quietFor(Duration.ofDays(2), 20, "same"), "same", null, Duration.ofHours(6), 10, false);
        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).singleElement().asString().contains("not changed since the last training");
    }

    @Test
    void tooFewExamplesAreNeverEnoughEvenWhenForced() {
        var e = TrainingEligibility.evaluate(quietFor(Duration.ofMinutes(1), 3, "same"), "same", null, Duration.ofHours(6), 10, true);
        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).singleElement().asString().contains("fewer than the 10 examples");
    }

    @Test
    void forceWaivesTheQuietPeriodAndTheFingerprint() {
        var e = TrainingEligibility.evaluate(quietFor(Duration.ofMinutes(1), 20, "same"), "same", null, Duration.ofHours(6), 10, true);
        assertThat(e.eligible()).isTrue();
    }

    @Test
    void aCorpusWhoseLastRunFailedWaitsTheQuietPeriodBeforeTheScheduleTriesItAgain() {
        var failedOnThese = new TrainingEligibility.LastFailure("new", Duration.ofMinutes(15));
        var e = TrainingEligibility.evaluate(quietFor(Duration.ofHours(7), 20, "new"), "old", failedOnThese,
                Duration.ofHours(6), 10, false);
        assertThat(e.eligible()).isFalse();
        assertThat(e.reasons()).singleElement().asString().contains("last run on these documents failed 15m ago");

        var longAgo = new TrainingEligibility.LastFailure("new", Duration.ofHours(7));
        assertThat(TrainingEligibility.evaluate(quietFor(Duration.ofHours(7), 20, "new"), "old", longAgo,
                Duration.ofHours(6), 10, false).eligible()).as("tried again after the quiet period").isTrue();
        var onOtherDocuments = new TrainingEligibility.LastFailure("older", Duration.ofMinutes(15));
        assertThat(TrainingEligibility.evaluate(quietFor(Duration.ofHours(7), 20, "new"), "old", onOtherDocuments,
                Duration.ofHours(6), 10, false).eligible()).as("the documents changed since").isTrue();
        assertThat(TrainingEligibility.evaluate(quietFor(Duration.ofHours(7), 20, "new"), "old", failedOnThese,
                Duration.ofHours(6), 10, true).eligible()).as("an admin's request does not wait").isTrue();
    }
}
