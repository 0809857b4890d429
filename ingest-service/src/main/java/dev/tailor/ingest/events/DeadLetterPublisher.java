package dev.tailor.ingest.events;

import dev.tailor.contracts.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Copies a record that can never be processed to {@link Topics#DOCS_CHANGES_DLQ}: same key, same bytes, same
 * headers, plus why and where it came from — SmallRye's {@code dead-letter-*} headers (the ones its own dead-letter
 * strategy writes, so tools that know them work) and ours ({@code tailor-dlq-*}) — so it can be fixed and replayed.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    public static final String REASON = KafkaDeadLetterQueue.DEAD_LETTER_REASON;
    public static final String CAUSE = KafkaDeadLetterQueue.DEAD_LETTER_CAUSE;
    public static final String EXCEPTION_CLASS = KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME;
    public static final String CAUSE_CLASS = KafkaDeadLetterQueue.DEAD_LETTER_CAUSE_CLASS_NAME;
    public static final String TOPIC = KafkaDeadLetterQueue.DEAD_LETTER_TOPIC;
    public static final String PARTITION = KafkaDeadLetterQueue.DEAD_LETTER_PARTITION;
    public static final String OFFSET = KafkaDeadLetterQueue.DEAD_LETTER_OFFSET;
    /** {@code invalid}, {@code limit} or {@code failed} ({@link DeadLetter.Kind}). */
    public static final String KIND = "tailor-dlq-kind";
    /** The configuration key of the limit the record is over. */
    public static final String LIMIT = "tailor-dlq-limit";
    public static final String TIME = "tailor-dlq-time";
    /**
     * Set, to the original value's size, when the copy had to leave the value out: with our headers it was over the
     * broker's record limit. The original stays at topic/partition/offset until retention, and replay reads it there.
     */
    public static final String VALUE_OMITTED = "tailor-dlq-value-omitted";

    /** Headers longer than this are cut: a reason quoting a huge field must not make the copy too large to send. */
    static final int MAX_HEADER_CHARS = 2000;

    static final String CHANNEL = "docs-changes-dlq";

    private final MutinyEmitter<byte[]> emitter;

    DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Sends on subscription; completes once Kafka acknowledged the copy (only then may the original be committed). */
    public Uni<Void> send(ConsumerRecord<String, byte[]> record, DeadLetter letter) {
        return emitter.sendMessage(copy(record, letter, true))
                .onFailure(DeadLetterPublisher::tooLarge).recoverWithUni(e -> {
                    LOG.warnf("dead-letter copy of %s-%d@%d is over the broker's record limit; sending it without its "
                            + "value", record.topic(), record.partition(), record.offset());
                    return emitter.sendMessage(copy(record, letter, false));
                });
    }

    /** True for a header this service (or SmallRye) adds to a dead-letter copy, so a replay can drop it. */
    public static boolean isDeadLetterHeader(String key) {
        return key.startsWith("dead-letter-") || key.startsWith("tailor-dlq-");
    }

    private static Message<byte[]> copy(ConsumerRecord<String, byte[]> record, DeadLetter letter, boolean withValue) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!isDeadLetterHeader(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        headers.add(REASON, utf8(letter.reason()));
        if (letter.error() != null) {
            headers.add(EXCEPTION_CLASS, utf8(letter.error().getClass().getName()));
            Throwable cause = letter.error().getCause();
            if (cause != null) {
                headers.add(CAUSE, utf8(String.valueOf(cause.getMessage())));
                headers.add(CAUSE_CLASS, utf8(cause.getClass().getName()));
            }
        }
        headers.add(TOPIC, utf8(record.topic()));
        headers.add(PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET, utf8(Long.toString(record.offset())));
        headers.add(KIND, utf8(letter.kind().label()));
        if (letter.limit() != null) {
            headers.add(LIMIT, utf8(letter.limit()));
        }
        headers.add(TIME, utf8(Instant.now().toString()));
        byte[] value = record.value();
        if (!withValue && value != null) {
            headers.add(VALUE_OMITTED, utf8(Integer.toString(value.length)));
            value = null;
        }
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        return Message.of(value).addMetadata(metadata);
    }

    private static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String s) {
        String cut = s.length() > MAX_HEADER_CHARS ? s.substring(0, MAX_HEADER_CHARS) + "…" : s;
        return cut.getBytes(StandardCharsets.UTF_8);
    }
}
