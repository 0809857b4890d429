package dev.tailor.ingest.deadletters;

import dev.tailor.ingest.events.DeadLetterPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of {@code docs.changes.dlq} as an operator reads it.
 *
 * @param partition       where it is in the DLQ (with {@code offset}: what replay takes)
 * @param kind            {@code invalid}, {@code limit} or {@code failed}
 * @param limit           the configuration key of the limit it is over, if any
 * @param originalTopic   where it came from ({@code dead-letter-topic}, {@code -partition}, {@code -offset})
 * @param valueBytes      size of the original value (0 for a tombstone)
 * @param valueOmitted    the copy carries no value (it was over the broker's limit); replay reads the original
 * @param valuePreview    the value's first bytes, as text
 * @param headers         the original record's own headers, as text
 */
public record DeadLetterEntry(int partition, long offset, Instant timestamp, String key, String kind, String reason,
        String limit, String cause, String exceptionClass, String originalTopic, Integer originalPartition,
        Long originalOffset, long valueBytes, boolean valueOmitted, String valuePreview, Map<String, String> headers) {

    static final int PREVIEW_BYTES = 512;

    static DeadLetterEntry of(ConsumerRecord<String, byte[]> r) {
        Map<String, String> original = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            if (!DeadLetterPublisher.isDeadLetterHeader(h.key())) {
                original.put(h.key(), text(h.value(), PREVIEW_BYTES));
            }
        }
        String omitted = header(r, DeadLetterPublisher.VALUE_OMITTED);
        byte[] value = r.value();
        return new DeadLetterEntry(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), r.key(),
                header(r, DeadLetterPublisher.KIND), header(r, DeadLetterPublisher.REASON),
                header(r, DeadLetterPublisher.LIMIT), header(r, DeadLetterPublisher.CAUSE),
                header(r, DeadLetterPublisher.EXCEPTION_CLASS), header(r, DeadLetterPublisher.TOPIC),
                number(header(r, DeadLetterPublisher.PARTITION)) == null ? null
                        : number(header(r, DeadLetterPublisher.PARTITION)).intValue(),
                number(header(r, DeadLetterPublisher.OFFSET)),
                omitted != null ? Long.parseLong(omitted) : value == null ? 0 : value.length, omitted != null,
                value == null ? null : text(value, PREVIEW_BYTES), original);
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Long number(String s) {
        try {
            return s == null ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(byte[] bytes, int max) {
        if (bytes == null) {
            return null;
        }
        return new String(bytes, 0, Math.min(bytes.length, max), StandardCharsets.UTF_8);
    }
}
