package dev.tailor.ingest.events;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.ingest.config.IngestConfig;
import dev.tailor.ingest.health.IndexAvailability;
import dev.tailor.ingest.index.DocumentChange;
import dev.tailor.ingest.index.DocumentIndexer;
import dev.tailor.ingest.index.IngestMetrics;
import dev.tailor.ingest.index.IngestMetrics.Outcome;
import dev.tailor.ingest.publish.IndexedEventPublisher;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Consumes {@code docs.changes} a poll at a time: invalid records go to the DLQ, the valid changes are applied in
 * waves ({@link ChangeWaves}), each wave as one batch, so that the embedding model works across documents and
 * Weaviate gets a few large requests instead of several small ones per document. The poll is acknowledged when this
 * method returns — after Weaviate accepted every change and every invalid record reached the DLQ — and the
 * throttled commit strategy commits only acknowledged offsets. While Weaviate is down a wave is retried with
 * back-off, indefinitely: a good change is never skipped nor dead-lettered, and consumption resumes by itself.
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
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<DocumentChange> changes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record).ifPresent(changes::add);
        }
        List<List<DocumentChange>> waves = ChangeWaves.of(changes);
        LOG.debugf("poll of %d record(s): %d change(s) in %d wave(s)", records.count(), changes.size(), waves.size());
        for (List<DocumentChange> wave : waves) {
            List<DocumentIndexer.Result> results = applyUntilAccepted(wave);
            for (int i = 0; i < wave.size(); i++) {
                report(wave.get(i), results.get(i));
            }
        }
    }

    /** The change a record carries; an invalid record goes to the DLQ instead. */
    private Optional<DocumentChange> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(decoder.decode(record));
        } catch (InvalidEventException e) {
            deadLetter(record, e.getMessage());
        } catch (RuntimeException e) {
            // a decoder bug must not stop the partition: park the record where it can be replayed once fixed
            LOG.errorf(e, "unexpected failure decoding %s-%d@%d", record.topic(), record.partition(), record.offset());
            deadLetter(record, "cannot decode: " + e);
        }
        return Optional.empty();
    }

    private void report(DocumentChange change, DocumentIndexer.Result result) {
        if (result instanceof DocumentIndexer.Applied applied) {
            DocumentIndexed indexed = applied.indexed();
            metrics.event(Outcome.INDEXED);
            metrics.chunks(indexed.chunksEmbedded(), indexed.chunksReused());
            metrics.searchable(indexed.eventTime(), indexed.indexedTime());
            indexedEvents.publish(indexed);
            LOG.debugf("%s %s v%d: %d chunks, %d embedded", indexed.op(), change.docId(), indexed.version(),
                    indexed.chunkCount(), indexed.chunksEmbedded());
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

    private List<DocumentIndexer.Result> applyUntilAccepted(List<DocumentChange> wave) {
        Duration backoff = retry.initialBackoff();
        while (true) {
            try {
                List<DocumentIndexer.Result> results = indexer.apply(wave);
                availability.recovered();
                return results;
            } catch (RuntimeException e) {
                if (stopping) {
                    // not acknowledged: the change is redelivered after the restart
                    throw e;
                }
                availability.failed(e.getMessage());
                LOG.warnf("%d change(s) not applied (%s); retrying in %d ms", wave.size(), e.getMessage(),
                        backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while retrying " + wave.size() + " change(s)", e);
                }
                backoff = backoff.multipliedBy(2);
                if (backoff.compareTo(retry.maxBackoff()) > 0) {
                    backoff = retry.maxBackoff();
                }
            }
        }
    }
}
