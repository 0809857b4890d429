package dev.tailor.runtime.weaviate;

import dev.tailor.contracts.IndexModel;
import dev.tailor.contracts.WeaviateSchema;
import dev.tailor.contracts.WeaviateSchema.Props;
import io.weaviate.client6.v1.api.WeaviateClient;
import io.weaviate.client6.v1.api.collections.CollectionConfig;
import io.weaviate.client6.v1.api.collections.Property;
import io.weaviate.client6.v1.api.collections.Tokenization;
import io.weaviate.client6.v1.api.collections.VectorConfig;

import java.io.IOException;
import java.util.Optional;

import static dev.tailor.contracts.WeaviateSchema.CHUNK;
import static dev.tailor.contracts.WeaviateSchema.DOCUMENT;

/**
 * Creates and verifies the two collections of {@link WeaviateSchema}. Vectors are always
 * self-provided (Weaviate runs no vectorizer); the embedding model that built them is recorded in the collections'
 * description so that a service with another model can refuse to serve against the index instead of returning
 * nonsense. ingest-service creates the index ({@link #ensure}); the others verify it ({@link #verify}).
 */
public final class IndexSchema {

    private IndexSchema() {
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
                        Property.text(Props.CONTENT_HASH, IndexSchema::notIndexed),
                        Property.integer(Props.TOKEN_COUNT, IndexSchema::notIndexed),
                        Property.integer(Props.VERSION, IndexSchema::notIndexed))
                .vectorConfig(VectorConfig.selfProvided());
    }

    static CollectionConfig.Builder documentCollection(CollectionConfig.Builder c, IndexModel model) {
        return c.description(model.toDescription())
                .properties(
                        Property.text(Props.DOC_ID, p -> filterOnly(p.tokenization(Tokenization.FIELD))),
                        Property.integer(Props.VERSION, IndexSchema::notIndexed),
                        Property.text(Props.TITLE, IndexSchema::notIndexed),
                        Property.textArray(Props.ALLOWED_ROLES, IndexSchema::notIndexed),
                        Property.text(Props.CONTENT_HASH, IndexSchema::notIndexed),
                        Property.integer(Props.CHUNK_COUNT, IndexSchema::notIndexed),
                        Property.integer(Props.TOKEN_COUNT, IndexSchema::notIndexed),
                        Property.textArray(Props.CHUNK_HASHES, IndexSchema::notIndexed),
                        Property.bool(Props.DELETED, IndexSchema::notIndexed),
                        Property.text(Props.SOURCE, IndexSchema::notIndexed),
                        Property.text(Props.URI, IndexSchema::notIndexed),
                        Property.date(Props.UPDATED_AT, IndexSchema::notIndexed))
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
