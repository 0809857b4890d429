package dev.tailor.ingest.events;

import dev.tailor.contracts.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Copies a record that can never be processed to {@link Topics#DOCS_CHANGES_DLQ}: same key, same bytes, same
 * headers, plus why ({@link Topics#DLQ_REASON_HEADER}) and where it came from, so it can be fixed and replayed.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String ORIGINAL_TOPIC_HEADER = "tailor-dlq-original-topic";
    public static final String ORIGINAL_PARTITION_HEADER = "tailor-dlq-original-partition";
    public static final String ORIGINAL_OFFSET_HEADER = "tailor-dlq-original-offset";

    static final String CHANNEL = "docs-changes-dlq";

    private final MutinyEmitter<byte[]> emitter;

    DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Returns once Kafka acknowledged the copy: only then may the original's offset be committed. */
    public void publish(ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h.key(), h.value());
        }
        headers.add(Topics.DLQ_REASON_HEADER, utf8(reason));
        headers.add(ORIGINAL_TOPIC_HEADER, utf8(record.topic()));
        headers.add(ORIGINAL_PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        headers.add(ORIGINAL_OFFSET_HEADER, utf8(Long.toString(record.offset())));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        emitter.sendMessageAndAwait(Message.of(record.value()).addMetadata(metadata));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
