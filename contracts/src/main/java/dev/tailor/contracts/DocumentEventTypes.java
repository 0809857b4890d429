package dev.tailor.contracts;

/** CloudEvents {@code type} values on {@link Topics#DOCS_CHANGES}. */
public final class DocumentEventTypes {
    public static final String UPSERTED = "tailor.document.upserted";
    public static final String DELETED = "tailor.document.deleted";
    public static final String SPEC_VERSION = "1.0";

    private DocumentEventTypes() {
    }
}
