package dev.tailor.ingest.chunking;

/** UTF-8 lengths measured without encoding: a megabyte of text is counted, not copied. */
public final class Utf8 {

    private Utf8() {
    }

    public static int length(CharSequence s) {
        if (s == null) {
            return 0;
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
