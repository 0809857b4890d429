package dev.tailor.ingest.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentIndexed;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Tells followers of {@code docs.indexed} (finetune-service) that a change reached the index; key = docId. */
@ApplicationScoped
public class IndexedEventPublisher {

    static final String CHANNEL = "docs-indexed";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    IndexedEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /**
     * Sends on subscription and completes when the broker acknowledged the record: the consumer awaits every record
     * of a poll before its offsets may be committed, so a change is never committed while its docs.indexed record
     * is lost. The records of a poll are sent together and awaited together (one linger, one round trip).
     */
    public Uni<Void> send(DocumentIndexed indexed) {
        String value;
        try {
            value = json.writeValueAsString(indexed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + indexed, e);
        }
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(indexed.docId()).build();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata));
    }
}
