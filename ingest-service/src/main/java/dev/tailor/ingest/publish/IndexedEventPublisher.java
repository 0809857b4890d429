package dev.tailor.ingest.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.DocumentIndexed;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Tells followers of {@code docs.indexed} (finetune-service) that a change reached the index; key = docId. */
@ApplicationScoped
public class IndexedEventPublisher {

    private static final Logger LOG = Logger.getLogger(IndexedEventPublisher.class);
    static final String CHANNEL = "docs-indexed";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    IndexedEventPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    /**
     * Sends without waiting for Kafka's acknowledgement: the change is already in the index and its offset will be
     * committed either way, so waiting (a broker round trip plus linger, per document) would only slow indexing.
     * The producer keeps the records of one key in order; a failed send is logged.
     */
    public void publish(DocumentIndexed indexed) {
        String value;
        try {
            value = json.writeValueAsString(indexed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + indexed, e);
        }
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(indexed.docId()).build();
        emitter.sendMessage(Message.of(value).addMetadata(metadata)).subscribe().with(
                ok -> {
                },
                failure -> LOG.errorf(failure, "could not publish docs.indexed for %s v%d", indexed.docId(),
                        indexed.version()));
    }
}
