package dev.tailor.testsupport;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Waits on conditions of the real stack, never for a fixed time (Awaitility underneath). */
public final class Awaits {

    private static final Duration POLL = Duration.ofMillis(250);

    private Awaits() {
    }

    /**
     * Does {@code action} (with 1, 2, 3… as attempt number) now and again every {@code every} until {@code condition}
     * holds. For a consumer that starts at the end of a topic: what was published before its partitions were
     * assigned is never consumed, so publish again (a newer version) until it shows.
     */
    public static void repeatUntil(String what, Duration atMost, Duration every, LongConsumer action,
            Callable<Boolean> condition) {
        long pollsPerAction = Math.max(1, every.toMillis() / POLL.toMillis());
        AtomicLong polls = new AtomicLong();
        Awaitility.await(what).atMost(atMost).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
            long poll = polls.getAndIncrement();
            if (poll % pollsPerAction == 0) {
                action.accept(poll / pollsPerAction + 1);
            }
            return condition.call();
        });
    }
}
