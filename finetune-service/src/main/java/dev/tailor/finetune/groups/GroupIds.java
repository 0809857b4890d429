package dev.tailor.finetune.groups;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Stable, readable group ids: {@code g-} + the sorted role names joined by {@code +} (e.g. {@code g-engineering},
 * {@code g-finance+legal}). When a role name has characters outside {@code [a-z0-9._-]}, or the id would exceed
 * 64 characters, the readable part is cut and an 8-hex hash of the exact role names is appended so that two
 * different role sets never share an id.
 */
public final class GroupIds {

    static final int MAX_LENGTH = 64;

    private GroupIds() {
    }

    public static String of(List<String> roles) {
        String exact = String.join("+", new TreeSet<>(roles));
        String slug = exact.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._+-]", "_");
        String id = "g-" + slug;
        if (slug.equals(exact) && id.length() <= MAX_LENGTH) {
            return id;
        }
        String hash = sha256(exact).substring(0, 8);
        String head = id.length() > MAX_LENGTH - 9 ? id.substring(0, MAX_LENGTH - 9) : id;
        return head + "-" + hash;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
