package dev.tailor.ingest.support;

import dev.tailor.ingest.index.DocumentIndex;

import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;

/**
 * A test consumer group is new at every run and starts at the end of the topic once its partitions are assigned;
 * events published before that would be missed. Publishing probes until one is indexed proves the consumer is in place.
 */
public final class ConsumerWarmup {

    /** Consumer group of the running application that is known to consume; each test profile has its own. */
    private static volatile String warmGroup;

    private ConsumerWarmup() {
    }

    public static synchronized void await(ChangeTopic topic, DocumentIndex index) throws InterruptedException {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.docs-changes.group.id", String.class);
        if (group.equals(warmGroup)) {
            return;
        }
        String probe = ChangeTopic.newDocId("warmup");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        long version = 1;
        while (Instant.now().isBefore(deadline)) {
            topic.upsert(ChangeTopic.doc(probe, version++, "Warm-up probe", "Probe paragraph.", "tailor-admin"));
            for (int i = 0; i < 20; i++) {
                Thread.sleep(250);
                if (index.document(probe).isPresent()) {
                    warmGroup = group;
                    return;
                }
            }
        }
        throw new IllegalStateException("ingest-service consumed no probe within 90 s: is Kafka reachable?");
    }
}
