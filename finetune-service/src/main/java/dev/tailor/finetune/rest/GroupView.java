package dev.tailor.finetune.rest;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.finetune.corpus.GroupCorpus;
import dev.tailor.finetune.corpus.TrainingEligibility;

import java.time.Instant;
import java.util.List;

/** A permission group as the admin API shows it. */
public record GroupView(String id, List<String> roles, List<String> readableVia, String fingerprint, long documents,
                        long chunks, long tokens, Instant lastChange, Long quietSeconds, long changesLastDay,
                        long changesLast7Days, long changesLast30Days, Long medianSecondsBetweenChanges,
                        String lastTrainedFingerprint, boolean eligible, List<String> notEligibleBecause,
                        String activeJobId, ModelPromotion model) {

    static GroupView of(GroupCorpus c, String lastTrained, TrainingEligibility e, String activeJob, ModelPromotion model) {
        return new GroupView(c.group().id(), c.group().roles(), c.group().readableVia(), c.fingerprint(), c.documents(),
                c.chunks(), c.tokens(), c.lastChange(), c.quietFor() == null ? null : c.quietFor().toSeconds(),
                c.changesLastDay(), c.changesLast7Days(), c.changesLast30Days(),
                c.medianGap() == null ? null : c.medianGap().toSeconds(), lastTrained, e.eligible(), e.reasons(),
                activeJob, model);
    }
}
