package dev.tailor.contracts;

/** Kafka topic names. Partition counts and configs are in dev/infra/topics.conf and k8s/base/kafka. */
public final class Topics {
    /** Producers publish document changes here; key = document id. */
    public static final String DOCS_CHANGES = "docs.changes";
    /** Events ingest-service could not process, with the original bytes and a reason header. */
    public static final String DOCS_CHANGES_DLQ = "docs.changes.dlq";
    /** One {@link DocumentIndexed} per change that reached the index; key = document id. */
    public static final String DOCS_INDEXED = "docs.indexed";
    /** Compacted: key = permission group id, value = the promoted {@link ModelPromotion}. */
    public static final String MODELS_REGISTRY = "models.registry";
    /** Compacted: key = permission group id, value = the latest {@link GroupEvaluation} of the group. */
    public static final String MODELS_EVALUATIONS = "models.evaluations";
    /** One {@link QueryMetric} per answered request; never the question, never the user. */
    public static final String QUERIES_METRICS = "queries.metrics";

    /** Header carrying why an event was dead-lettered. */
    public static final String DLQ_REASON_HEADER = "tailor-dlq-reason";

    private Topics() {
    }
}
