package dev.tailor.ingest.support;

import dev.tailor.contracts.Topics;
import dev.tailor.ingest.events.DeadLetterPublisher;
import dev.tailor.testsupport.TopicTail;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** {@code docs.changes.dlq} read from its end at creation, as {@link TopicTail} reads a topic. */
public final class DeadLetterTail implements AutoCloseable {

    private final TopicTail dlq = new TopicTail(Topics.DOCS_CHANGES_DLQ);

    /**
     * The copies of {@code key} this build writes (with {@value DeadLetterPublisher#KIND}): an ingest-service of another
     * build running beside the tests (another engineer's test, a dev/up stack) dead-letters the same record too, with
     * headers of its own.
     */
    public List<ConsumerRecord<String, byte[]>> copies(String key) {
        return dlq.withKey(key).stream().filter(r -> r.headers().lastHeader(DeadLetterPublisher.KIND) != null).toList();
    }

    /** Every record of {@code key}, whoever wrote it. */
    public List<ConsumerRecord<String, byte[]>> withKey(String key) {
        return dlq.withKey(key);
    }

    @Override
    public void close() {
        dlq.close();
    }
}
