package dev.tailor.finetune.corpus;

import dev.tailor.finetune.groups.PermissionGroup;

import java.time.Duration;
import java.time.Instant;

/**
 * A permission group's training corpus (see {@link PermissionGroup#trainsOn}), and how it has been changing.
 *
 * @param fingerprint   SHA-256 over the sorted {@code docId:contentHash:version} of the readable documents
 * @param lastChange    latest change to a readable document (null if none is known)
 * @param quietFor      time since {@code lastChange} (null if none is known)
 * @param medianGap     median time between consecutive changes over 30 days (null with fewer than two)
 */
public record GroupCorpus(
        PermissionGroup group,
        String fingerprint,
        long documents,
        long chunks,
        long tokens,
        Instant lastChange,
        Duration quietFor,
        long changesLastDay,
        long changesLast7Days,
        long changesLast30Days,
        Duration medianGap) {

    /** Changes per day averaged over the given window (1, 7 or 30 days). */
    public double changesPerDay(int days) {
        long n = switch (days) {
            case 1 -> changesLastDay;
            case 7 -> changesLast7Days;
            case 30 -> changesLast30Days;
            default -> throw new IllegalArgumentException("windows are 1, 7 and 30 days");
        };
        return (double) n / days;
    }
}
