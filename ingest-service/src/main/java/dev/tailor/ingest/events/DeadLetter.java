package dev.tailor.ingest.events;

/**
 * Why a record was dead-lettered.
 *
 * @param kind   {@link Kind#INVALID} (not a valid event), {@link Kind#LIMIT} (over a configured limit) or
 *               {@link Kind#FAILED} (processing it failed for a reason of its own, after retries)
 * @param reason what an operator reads first
 * @param limit  the configuration key of the limit, for {@link Kind#LIMIT}
 * @param error  the failure, for {@link Kind#FAILED} (its class and cause go into headers too)
 */
public record DeadLetter(Kind kind, String reason, String limit, Throwable error) {

    public enum Kind {
        INVALID, LIMIT, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static DeadLetter of(InvalidEventException e) {
        return e.limit().map(l -> new DeadLetter(Kind.LIMIT, e.getMessage(), l, null))
                .orElseGet(() -> new DeadLetter(Kind.INVALID, e.getMessage(), null, null));
    }

    static DeadLetter limit(String reason, String limit) {
        return new DeadLetter(Kind.LIMIT, reason, limit, null);
    }

    static DeadLetter failed(String reason, Throwable error) {
        return new DeadLetter(Kind.FAILED, reason, null, error);
    }
}
