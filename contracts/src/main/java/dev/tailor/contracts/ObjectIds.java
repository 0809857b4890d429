package dev.tailor.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic Weaviate object ids (RFC 4122 name-based, version 5), so that replaying an event writes the
 * same objects instead of duplicating them.
 */
public final class ObjectIds {

    /** Tailor's namespace for name-based ids; never change it, or every id in every index changes. */
    static final UUID NAMESPACE = UUID.fromString("6f1c3a52-7b0e-4f4e-9d3e-2b1f8c0a7d11");

    private ObjectIds() {
    }

    public static UUID document(String docId) {
        return v5(NAMESPACE, "document:" + docId);
    }

    public static UUID chunk(String docId, int chunkIndex) {
        return v5(NAMESPACE, "chunk:" + docId + "#" + chunkIndex);
    }

    static UUID v5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16)
                    .putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bb.getLong(), bb.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java runtime", e);
        }
    }
}
