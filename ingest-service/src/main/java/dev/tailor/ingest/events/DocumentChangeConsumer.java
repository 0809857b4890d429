package dev.tailor.ingest.events;

import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.health.IndexAvailability;
import dev.tailor.ingest.index.DocumentIndexer;
import dev.tailor.ingest.index.IngestMetrics;
import dev.tailor.ingest.index.IngestMetrics.Outcome;
import dev.tailor.ingest.publish.IndexedEventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Consumes {@code docs.changes} one record at a time per partition, in order. The record is acknowledged when this
 * method returns — after Weaviate accepted the change, or after an invalid record reached the DLQ — and the
 * throttled commit strategy commits only acknowledged offsets. While Weaviate is down the method retries with
 * back-off, indefinitely: a good change is never skipped nor dead-lettered, and the partition resumes by itself.
 */
@ApplicationScoped
public class DocumentChangeConsumer {

    private static final Logger LOG = Logger.getLogger(DocumentChangeConsumer.class);
    static final String CHANNEL = "docs-changes";

    private final ChangeEventDecoder decoder;
    private final DocumentIndexer indexer;
    private final DeadLetterPublisher deadLetters;
    private final IndexedEventPublisher indexedEvents;
    private final IngestMetrics metrics;
    private final IndexAvailability availability;
    private final IngestConfig.Retry retry;
    private volatile boolean stopping;

    DocumentChangeConsumer(ChangeEventDecoder decoder, DocumentIndexer indexer, DeadLetterPublisher deadLetters,
            IndexedEventPublisher indexedEvents, IngestMetrics metrics, IndexAvailability availability,
            IngestConfig config) {
        this.decoder = decoder;
        this.indexer = indexer;
        this.deadLetters = deadLetters;
        this.indexedEvents = indexedEvents;
        this.metrics = metrics;
        this.availability = availability;
        this.retry = config.retry();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> record) {
        DocumentChange change;
        try {
            change = decoder.decode(record);
        } catch (InvalidEventException e) {
            deadLetter(record, e.getMessage());
            return;
        } catch (RuntimeException e) {
            // a decoder bug must not stop the partition: park the record where it can be replayed once fixed
            LOG.errorf(e, "unexpected failure decoding %s-%d@%d", record.topic(), record.partition(), record.offset());
            deadLetter(record, "cannot decode: " + e);
            return;
        }
        DocumentIndexer.Result result = applyUntilAccepted(change);
        if (result instanceof DocumentIndexer.Applied applied) {
            metrics.event(Outcome.INDEXED);
            metrics.chunks(applied.indexed().chunksEmbedded(), applied.indexed().chunksReused());
            metrics.searchable(applied.indexed().eventTime(), applied.indexed().indexedTime());
            indexedEvents.publish(applied.indexed());
            LOG.debugf("%s %s v%d: %d chunks, %d embedded", applied.indexed().op(), change.docId(),
                    applied.indexed().version(), applied.indexed().chunkCount(), applied.indexed().chunksEmbedded());
        } else if (result instanceof DocumentIndexer.Ignored ignored) {
            metrics.event(Outcome.IGNORED);
            LOG.debugf("ignored change of %s: %s", change.docId(), ignored.why());
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
        deadLetters.publish(record, reason);
        metrics.event(Outcome.DEAD_LETTERED);
    }

    private DocumentIndexer.Result applyUntilAccepted(DocumentChange change) {
        Duration backoff = retry.initialBackoff();
        while (true) {
            try {
                DocumentIndexer.Result result = indexer.apply(change);
                availability.recovered();
                return result;
            } catch (RuntimeException e) {
                if (stopping) {
                    // not acknowledged: the change is redelivered after the restart
                    throw e;
                }
                availability.failed(e.getMessage());
                LOG.warnf("change of %s not applied (%s); retrying in %d ms", change.docId(), e.getMessage(),
                        backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while retrying " + change.docId(), e);
                }
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(retry.maxBackoff()) > 0) {
                    backoff = retry.maxBackoff();
                }
            }
        }
    }
}
