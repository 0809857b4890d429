package dev.tailor.contracts;

import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionConfig;
import io.weaviate.client6.v1.api.collections.Property;
import io.weaviate.client6.v1.api.collections.Tokenization;
import io.weaviate.client6.v1.api.collections.VectorConfig;

import java.io.IOException;
import java.util.Optional;

/**
 * The two Weaviate collections and their properties. Vectors are always self-provided (Weaviate runs no
 * vectorizer); the embedding model that built them is recorded in the collections' description so that a
 * service with another model can refuse to serve against the index instead of returning nonsense.
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

    /*
     * Every inverted index costs CPU and disk on every write: each property gets only the ones something queries.
     * Filtered: docId, allowedRoles (the access filter), chunkIndex (stale chunks are deleted by range). Searched with
     * BM25: the chunks' title and text. Everything else is only read back. (Without the unused filterable indexes a
     * chunk write took ~20% less of Weaviate's CPU on our 2-core machine.)
     */
    static CollectionConfig.Builder chunkCollection(CollectionConfig.Builder c, IndexModel model) {
        return c.description(model.toDescription())
                .properties(
                        Property.text(Props.DOC_ID, p -> filterOnly(p.tokenization(Tokenization.FIELD))),
                        Property.integer(Props.CHUNK_INDEX),
                        Property.text(Props.TITLE, p -> p.tokenization(Tokenization.WORD).indexFilterable(false)),
                        Property.text(Props.TEXT, p -> p.tokenization(Tokenization.WORD).indexFilterable(false)),
                        Property.textArray(Props.ALLOWED_ROLES, p -> filterOnly(p.tokenization(Tokenization.FIELD))),
                        Property.text(Props.CONTENT_HASH, WeaviateSchema::notIndexed),
                        Property.integer(Props.TOKEN_COUNT, WeaviateSchema::notIndexed),
                        Property.integer(Props.VERSION, WeaviateSchema::notIndexed))
                .vectorConfig(VectorConfig.selfProvided());
    }

    static CollectionConfig.Builder documentCollection(CollectionConfig.Builder c, IndexModel model) {
        return c.description(model.toDescription())
                .properties(
                        Property.text(Props.DOC_ID, p -> filterOnly(p.tokenization(Tokenization.FIELD))),
                        Property.integer(Props.VERSION, WeaviateSchema::notIndexed),
                        Property.text(Props.TITLE, WeaviateSchema::notIndexed),
                        Property.textArray(Props.ALLOWED_ROLES, WeaviateSchema::notIndexed),
                        Property.text(Props.CONTENT_HASH, WeaviateSchema::notIndexed),
                        Property.integer(Props.CHUNK_COUNT, WeaviateSchema::notIndexed),
                        Property.integer(Props.TOKEN_COUNT, WeaviateSchema::notIndexed),
                        Property.textArray(Props.CHUNK_HASHES, WeaviateSchema::notIndexed),
                        Property.bool(Props.DELETED, WeaviateSchema::notIndexed),
                        Property.text(Props.SOURCE, WeaviateSchema::notIndexed),
                        Property.text(Props.URI, WeaviateSchema::notIndexed),
                        Property.date(Props.UPDATED_AT, WeaviateSchema::notIndexed))
                .vectorConfig(VectorConfig.selfProvided());
    }

    private static Property.Builder filterOnly(Property.Builder p) {
        return p.indexFilterable(true).indexSearchable(false);
    }

    private static Property.Builder notIndexed(Property.Builder p) {
        return p.indexFilterable(false).indexSearchable(false);
    }

    /**
     * Creates both collections if absent, recording {@code model}. Fails with {@link IndexModelMismatch} when an
     * existing index was built by another model.
     */
    public static void ensure(WeaviateClient client, IndexModel model) throws IOException {
        if (!client.collections.exists(CHUNK)) {
            client.collections.create(CHUNK, c -> chunkCollection(c, model));
        }
        if (!client.collections.exists(DOCUMENT)) {
            client.collections.create(DOCUMENT, c -> documentCollection(c, model));
        }
        verify(client, model);
    }

    /** Fails with {@link IndexModelMismatch} unless the index exists and was built by {@code model}. */
    public static void verify(WeaviateClient client, IndexModel model) throws IOException {
        IndexModel recorded = recordedModel(client)
                .orElseThrow(() -> new IndexModelMismatch("the Weaviate index has no collection " + CHUNK
                        + " (or it records no embedding model); start ingest-service first to create it"));
        if (!recorded.equals(model)) {
            throw new IndexModelMismatch("the Weaviate index was built with embedding model " + recorded
                    + " but this service embeds with " + model
                    + "; configure the same model, or rebuild the index (drop " + CHUNK + " and " + DOCUMENT
                    + ", then republish the documents)");
        }
    }

    /** The model recorded by the chunk collection, if the collection exists. */
    public static Optional<IndexModel> recordedModel(WeaviateClient client) throws IOException {
        Optional<CollectionConfig> config = client.collections.getConfig(CHUNK);
        return config.map(CollectionConfig::description).flatMap(IndexModel::parseDescription);
    }

    /** Thrown when the index and the service disagree on the embedding model. */
    public static final class IndexModelMismatch extends IllegalStateException {
        public IndexModelMismatch(String message) {
            super(message);
        }
    }
}
