package dev.tailor.testsupport.tracing;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Ids of a trace a test starts itself, as a caller would send them in W3C {@code traceparent}. */
public final class TraceIds {

    private TraceIds() {
    }

    public static String traceId() {
        return randomHex(16);
    }

    public static String spanId() {
        return randomHex(8);
    }

    /** The W3C {@code traceparent} of a sampled span. */
    public static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zeros (an invalid id)
        return HexFormat.of().formatHex(b);
    }
}
