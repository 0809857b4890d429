package dev.tailor.contracts;

/** Role names with a meaning of their own. */
public final class Roles {
    /** Every authenticated user holds it: a document readable by {@code public} is readable by all. */
    public static final String PUBLIC = "public";
    /** Administers the platform (document inspection, training runs, the registry). */
    public static final String ADMIN = "tailor-admin";

    private Roles() {
    }
}
