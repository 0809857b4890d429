package dev.tailor.ingest.index;

import dev.tailor.contracts.DocumentUpserted;

import java.time.Instant;

/** A validated change from {@code docs.changes}, to apply to the index. */
public interface DocumentChange {

    String docId();

    /** When the producer says the change happened (CloudEvents {@code time}, else the record timestamp). */
    Instant eventTime();

    record Upsert(DocumentUpserted data, Instant eventTime) implements DocumentChange {
        @Override
        public String docId() {
            return data.docId();
        }
    }

    /** @param version null for a Kafka tombstone, which deletes whatever version is indexed */
    record Delete(String docId, Long version, Instant eventTime) implements DocumentChange {
    }
}
