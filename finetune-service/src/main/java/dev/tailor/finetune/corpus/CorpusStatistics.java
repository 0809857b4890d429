package dev.tailor.finetune.corpus;

import dev.tailor.finetune.groups.PermissionGroup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Computes a group's {@link GroupCorpus} (over its training corpus, see {@link PermissionGroup#trainsOn}) from the
 * replayed corpus; pure, the clock is passed in.
 */
public final class CorpusStatistics {

    private CorpusStatistics() {
    }

    public static GroupCorpus of(PermissionGroup group, Collection<IndexedDocument> liveDocuments,
                                 Collection<CorpusChange> changes, Instant now) {
        List<IndexedDocument> readable = liveDocuments.stream()
                .filter(d -> !d.deleted() && group.trainsOn(d.allowedRoles()))
                .sorted(Comparator.comparing(IndexedDocument::docId))
                .toList();
        List<Instant> times = changes.stream()
                .filter(c -> group.trainsOn(c.rolesBefore()) || group.trainsOn(c.rolesAfter()))
                .map(CorpusChange::time)
                .sorted()
                .toList();
        // a document whose events have expired from docs.indexed last changed when the index says it did
        Instant last = java.util.stream.Stream.concat(times.stream(),
                        readable.stream().map(IndexedDocument::updatedAt).filter(java.util.Objects::nonNull))
                .max(Instant::compareTo).orElse(null);
        return new GroupCorpus(group,
                fingerprint(readable),
                readable.size(),
                readable.stream().mapToLong(IndexedDocument::chunkCount).sum(),
                readable.stream().mapToLong(IndexedDocument::tokenCount).sum(),
                last,
                last == null ? null : nonNegative(Duration.between(last, now)),
                countSince(times, now.minus(Duration.ofDays(1))),
                countSince(times, now.minus(Duration.ofDays(7))),
                countSince(times, now.minus(Duration.ofDays(30))),
                medianGap(times.stream().filter(t -> !t.isBefore(now.minus(Duration.ofDays(30)))).toList()));
    }

    public static String fingerprint(List<IndexedDocument> sortedReadable) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (IndexedDocument d : sortedReadable) {
                sha.update((d.docId() + ":" + d.contentHash() + ":" + d.version() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long countSince(List<Instant> sorted, Instant since) {
        return sorted.stream().filter(t -> !t.isBefore(since)).count();
    }

    static Duration medianGap(List<Instant> sorted) {
        if (sorted.size() < 2) {
            return null;
        }
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            gaps.add(Duration.between(sorted.get(i - 1), sorted.get(i)));
        }
        gaps.sort(Comparator.naturalOrder());
        int n = gaps.size();
        return n % 2 == 1 ? gaps.get(n / 2) : gaps.get(n / 2 - 1).plus(gaps.get(n / 2)).dividedBy(2);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
