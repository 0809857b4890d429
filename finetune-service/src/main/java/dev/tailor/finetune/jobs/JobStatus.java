package dev.tailor.finetune.jobs;

/** Where a training run is. The last four are terminal. */
public enum JobStatus {
    /** Snapshotting the corpus and generating the dataset. */
    PREPARING,
    /** Dataset uploaded, provider job created and queued. */
    QUEUED,
    /** The provider is training. */
    RUNNING,
    /** The provider finished; the candidate is being evaluated. */
    EVALUATING,
    /** Evaluated and promoted to models.registry. */
    PROMOTED,
    /** Evaluated and not promoted (below the threshold or not better than what serves the group). */
    REJECTED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == PROMOTED || this == REJECTED || this == FAILED || this == CANCELLED;
    }

    /** Whether the run produced a trained model for its fingerprint (so the same corpus is not trained again). */
    public boolean trained() {
        return this == PROMOTED || this == REJECTED;
    }

    /** Whether the provider holds the run now (it is polled). */
    public boolean atProvider() {
        return this == QUEUED || this == RUNNING;
    }
}
