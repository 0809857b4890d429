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

    public void publish(DocumentIndexed indexed) {
        try {
            var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(indexed.docId()).build();
            emitter.sendMessageAndAwait(Message.of(json.writeValueAsString(indexed)).addMetadata(metadata));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + indexed, e);
        } catch (RuntimeException e) {
            // The change is in the index and its offset will be committed; a lost notification only delays the
            // follower's view until the document's next change, so it must not block indexing.
            LOG.errorf(e, "could not publish docs.indexed for %s v%d", indexed.docId(), indexed.version());
        }
    }
}
