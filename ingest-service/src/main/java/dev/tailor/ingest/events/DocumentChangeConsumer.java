package dev.tailor.ingest.events;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.ingest.index.DocumentChange;
import dev.tailor.ingest.index.DocumentIndexer;
import dev.tailor.ingest.index.DocumentIndexer.Applied;
import dev.tailor.ingest.index.DocumentIndexer.Ignored;
import dev.tailor.ingest.index.DocumentIndexer.Rejected;
import dev.tailor.ingest.index.DocumentIndexer.Result;
import dev.tailor.ingest.index.IngestMetrics;
import dev.tailor.ingest.index.IngestMetrics.Outcome;
import dev.tailor.ingest.index.ObjectsRejectedException;
import dev.tailor.ingest.publish.IndexedEventPublisher;
import dev.tailor.ingest.tracing.TracedPoll;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Consumes {@code docs.changes} a poll at a time, and every record of a poll ends somewhere: indexed, ignored, or
 * copied to the DLQ with its reason. Invalid records and records over a limit are dead-lettered; the valid changes
 * are applied in waves ({@link ChangeWaves}), each wave as one batch, so that the embedding model works across
 * documents and Weaviate gets a few large requests.
 *
 * <p>Failures follow {@link FailurePolicy}: a transient one (Weaviate or Kafka away) is retried until it passes; a
 * permanent one is retried a few times, then the wave's documents are applied one by one so that the failing
 * document alone is dead-lettered, with the error, and the others are indexed.
 *
 * <p>The poll is acknowledged when this method returns: after Weaviate accepted every change and Kafka acknowledged
 * every docs.indexed record and every dead-letter copy. The throttled commit strategy commits only acknowledged
 * offsets, so a crash at any point means redelivery, never loss.
 */
@ApplicationScoped
public class DocumentChangeConsumer {

    private static final Logger LOG = Logger.getLogger(DocumentChangeConsumer.class);
    static final String CHANNEL = "docs-changes";
    @SuppressWarnings("unchecked")
    private static final Class<List<Result>> RESULTS = (Class<List<Result>>) (Class<?>) List.class;

    private final ChangeEventDecoder decoder;
    private final DocumentIndexer indexer;
    private final DeadLetterPublisher deadLetters;
    private final IndexedEventPublisher indexedEvents;
    private final IngestMetrics metrics;
    private final FailurePolicy failures;

    DocumentChangeConsumer(ChangeEventDecoder decoder, DocumentIndexer indexer, DeadLetterPublisher deadLetters,
            IndexedEventPublisher indexedEvents, IngestMetrics metrics, FailurePolicy failures) {
        this.decoder = decoder;
        this.indexer = indexer;
        this.deadLetters = deadLetters;
        this.indexedEvents = indexedEvents;
        this.metrics = metrics;
        this.failures = failures;
    }

    @TracedPoll
    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, byte[]> records) throws Exception {
        List<Supplier<Uni<Void>>> sends = new ArrayList<>();
        Map<DocumentChange, ConsumerRecord<String, byte[]>> sources = new IdentityHashMap<>();
        List<DocumentChange> changes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                DocumentChange change = decoder.decode(record);
                changes.add(change);
                sources.put(change, record);
            } catch (InvalidEventException e) {
                deadLetter(sends, record, DeadLetter.of(e));
            } catch (RuntimeException e) {
                // a decoder bug must not stop the partition: park the record where it can be replayed once fixed
                LOG.errorf(e, "unexpected failure decoding %s-%d@%d", record.topic(), record.partition(), record.offset());
                deadLetter(sends, record, DeadLetter.failed("cannot decode: " + e, e));
            }
        }
        List<List<DocumentChange>> waves = ChangeWaves.of(changes);
        LOG.debugf("poll of %d record(s): %d change(s) in %d wave(s)", records.count(), changes.size(), waves.size());
        for (List<DocumentChange> wave : waves) {
            List<Result> results = failures.untilIndexed(() -> applyIsolating(wave), RESULTS);
            for (int i = 0; i < wave.size(); i++) {
                report(sends, sources.get(wave.get(i)), wave.get(i), results.get(i));
            }
        }
        awaitAcknowledged(sends);
    }

    /**
     * Applies a wave, retrying a permanent failure a few times; if it persists, applies each change alone, so that
     * only the failing document is dead-lettered. Transient failures propagate (to be retried, wave and all).
     */
    private List<Result> applyIsolating(List<DocumentChange> wave) throws Exception {
        try {
            return failures.fewTimes(() -> indexer.apply(wave), RESULTS);
        } catch (Exception e) {
            if (FailurePolicy.isTransient(e)) {
                throw e;
            }
            if (wave.size() == 1) {
                return List.of(new Failed(wave.get(0).docId(), e));
            }
            LOG.warnf("a wave of %d change(s) keeps failing (%s); applying its documents one by one", wave.size(),
                    e.toString());
            List<Result> results = new ArrayList<>(wave.size());
            for (DocumentChange change : wave) {
                results.addAll(applyIsolating(List.of(change)));
            }
            return results;
        }
    }

    /** A change whose document kept failing for a reason of its own. */
    record Failed(String docId, Throwable error) implements Result {
        String reason() {
            String why = error instanceof ObjectsRejectedException rejected && rejected.errorsByDocId().containsKey(docId)
                    ? "Weaviate rejected its objects: " + rejected.errorsByDocId().get(docId)
                    : error.toString();
            return "document '" + docId + "' failed: " + why;
        }
    }

    private void report(List<Supplier<Uni<Void>>> sends, ConsumerRecord<String, byte[]> record, DocumentChange change,
            Result result) {
        if (result instanceof Applied applied) {
            DocumentIndexed indexed = applied.indexed();
            metrics.event(Outcome.INDEXED);
            metrics.chunks(indexed.chunksEmbedded(), indexed.chunksReused());
            metrics.searchable(indexed.eventTime(), indexed.indexedTime());
            sends.add(() -> indexedEvents.send(indexed));
            LOG.debugf("%s %s v%d: %d chunks, %d embedded", indexed.op(), change.docId(), indexed.version(),
                    indexed.chunkCount(), indexed.chunksEmbedded());
        } else if (result instanceof Ignored ignored) {
            metrics.event(Outcome.IGNORED);
            if (ignored.again() != null) {
                sends.add(() -> indexedEvents.send(ignored.again()));
            }
            LOG.debugf("ignored change of %s: %s", change.docId(), ignored.why());
        } else if (result instanceof Rejected rejected) {
            deadLetter(sends, record, DeadLetter.limit(rejected.reason(), rejected.limit()));
        } else if (result instanceof Failed failed) {
            LOG.errorf(failed.error(), "dead-lettering %s after %s", change.docId(), failed.error().toString());
            deadLetter(sends, record, DeadLetter.failed(failed.reason(), failed.error()));
        }
    }

    private void deadLetter(List<Supplier<Uni<Void>>> sends, ConsumerRecord<String, byte[]> record, DeadLetter letter) {
        LOG.warnf("dead-lettering %s-%d@%d (key %s, %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), letter.kind().label(), letter.reason());
        sends.add(() -> deadLetters.send(record, letter));
        metrics.event(Outcome.DEAD_LETTERED);
    }

    /**
     * Sends the poll's records together and waits for the broker's acknowledgement of each; what was not
     * acknowledged is sent again, for as long as Kafka fails. Only then may the poll's offsets be committed.
     */
    private void awaitAcknowledged(List<Supplier<Uni<Void>>> sends) throws Exception {
        List<Supplier<Uni<Void>>> pending = new ArrayList<>(sends);
        failures.untilAcknowledged(() -> {
            List<Uni<Void>> inFlight = new ArrayList<>(pending.size());
            for (Supplier<Uni<Void>> send : pending) {
                inFlight.add(send.get().memoize().indefinitely());
            }
            inFlight.forEach(u -> u.subscribe().with(ok -> { }, failure -> { }));
            List<Supplier<Uni<Void>>> failed = new ArrayList<>();
            Throwable last = null;
            for (int i = 0; i < inFlight.size(); i++) {
                try {
                    inFlight.get(i).await().indefinitely();
                } catch (RuntimeException e) {
                    failed.add(pending.get(i));
                    last = e;
                }
            }
            pending.clear();
            pending.addAll(failed);
            if (!failed.isEmpty()) {
                throw new KafkaUnavailableException(failed.size() + " record(s) not acknowledged by Kafka: "
                        + last.getMessage(), last);
            }
            return null;
        });
    }
}
