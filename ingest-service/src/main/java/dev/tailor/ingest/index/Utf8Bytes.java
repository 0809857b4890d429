package dev.tailor.ingest.index;

import dev.tailor.ingest.chunking.Utf8;

import java.util.List;

/** Sizes of what a batch carries, to cut batches by bytes. */
final class Utf8Bytes {

    private Utf8Bytes() {
    }

    static long of(String s) {
        return Utf8.length(s);
    }

    static long of(List<String> values) {
        long bytes = 0;
        for (String v : values) {
            bytes += Utf8.length(v) + 2;
        }
        return bytes;
    }
}
