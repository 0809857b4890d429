package dev.tailor.finetune.corpus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stability rule: a group is trained when its corpus has been quiet for the quiet period, differs from what
 * was last trained, and holds enough examples; a corpus whose last run failed is tried again only after the quiet
 * period (a run that fails on these documents, e.g. no chunks in the index, fails again: retried by every sweep of the
 * schedule it cost CPU and a job record every 15 minutes). {@code force} (an admin's explicit request) waives the
 * first two and the wait, never the third: a run on too few examples cannot produce a useful model.
 *
 * @param reasons why not, in plain language (empty when eligible)
 */
public record TrainingEligibility(boolean eligible, List<String> reasons) {

    /** The group's latest run, when it failed: on which documents, how long ago. */
    public record LastFailure(String fingerprint, Duration ago) {
    }

    public static TrainingEligibility evaluate(GroupCorpus corpus, String lastTrainedFingerprint,
                                               LastFailure lastFailure, Duration quietPeriod, int minExamples,
                                               boolean force) {
        List<String> reasons = new ArrayList<>();
        if (!force) {
            if (corpus.quietFor() == null) {
                reasons.add("no change of the group's documents is known yet");
            } else if (corpus.quietFor().compareTo(quietPeriod) < 0) {
                reasons.add("the documents changed " + human(corpus.quietFor()) + " ago; the quiet period is "
                        + human(quietPeriod));
            }
            if (corpus.fingerprint().equals(lastTrainedFingerprint)) {
                reasons.add("the documents have not changed since the last training run");
            }
            if (lastFailure != null && corpus.fingerprint().equals(lastFailure.fingerprint())
                    && lastFailure.ago().compareTo(quietPeriod) < 0) {
                reasons.add("the last run on these documents failed " + human(lastFailure.ago())
                        + " ago; it is tried again after the quiet period (" + human(quietPeriod) + ")");
            }
        }
        if (corpus.chunks() < minExamples) {
            reasons.add("only " + corpus.chunks() + " chunks, fewer than the " + minExamples
                    + " examples a run needs");
        }
        return new TrainingEligibility(reasons.isEmpty(), List.copyOf(reasons));
    }

    static String human(Duration d) {
        return d.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().substring(2).toLowerCase();
    }
}
