package dev.tailor.finetune.jobs;

/** Work a transition asks for; {@link JobRunner} carries it out and reports back with a {@link JobEvent}. */
public sealed interface Effect {

    /** Snapshot the group's chunks and write (or finish writing) the dataset. */
    record BuildDataset() implements Effect {
    }

    /** Upload the training file and create the provider job. */
    record Submit() implements Effect {
    }

    /** Evaluate the candidate against what serves the group, and promote it if the gate says so. */
    record Evaluate() implements Effect {
    }

    record CancelAtProvider(String providerJobId) implements Effect {
    }
}
