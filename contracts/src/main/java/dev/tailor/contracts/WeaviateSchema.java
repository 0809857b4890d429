package dev.tailor.contracts;

/**
 * The names of the two Weaviate collections and of their properties. What indexes each property has, and the
 * embedding model recorded in the collections' description ({@link IndexModel}), are set where the index is created
 * (tailor-runtime's {@code IndexSchema}).
 */
public final class WeaviateSchema {

    /** One object per chunk; its vector is the chunk's embedding. */
    public static final String CHUNK = "TailorChunk";
    /** One object per document (deleted ones kept as tombstones so that an older upsert stays ignored). */
    public static final String DOCUMENT = "TailorDocument";

    /** Property names of both collections. */
    public static final class Props {
        public static final String DOC_ID = "docId";
        public static final String CHUNK_INDEX = "chunkIndex";
        public static final String TITLE = "title";
        public static final String TEXT = "text";
        public static final String ALLOWED_ROLES = "allowedRoles";
        public static final String CONTENT_HASH = "contentHash";
        public static final String TOKEN_COUNT = "tokenCount";
        public static final String VERSION = "version";
        public static final String CHUNK_COUNT = "chunkCount";
        public static final String CHUNK_HASHES = "chunkHashes";
        public static final String DELETED = "deleted";
        public static final String SOURCE = "source";
        public static final String URI = "uri";
        public static final String UPDATED_AT = "updatedAt";

        private Props() {
        }
    }

    private WeaviateSchema() {
    }
}
