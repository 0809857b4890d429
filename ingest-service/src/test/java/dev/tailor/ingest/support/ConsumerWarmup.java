package dev.tailor.ingest.support;

import dev.tailor.ingest.index.DocumentIndex;
import dev.tailor.testsupport.Awaits;
import dev.tailor.testsupport.DocumentChanges;
import dev.tailor.testsupport.TopicWriter;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

/**
 * A test consumer group is new at every run and starts at the end of the topic once its partitions are assigned;
 * events published before that would be missed. Publishing probes until one is indexed proves the consumer is in place.
 */
public final class ConsumerWarmup {

    /** Consumer group of the running application that is known to consume; each test profile has its own. */
    private static volatile String warmGroup;

    private ConsumerWarmup() {
    }

    public static synchronized void await(TopicWriter topic, DocumentIndex index) {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.docs-changes.group.id", String.class);
        if (group.equals(warmGroup)) {
            return;
        }
        String probe = DocumentChanges.newDocId("warmup");
        Awaits.repeatUntil("ingest-service consumes a probe (is Kafka reachable?)", Duration.ofSeconds(90),
                Duration.ofSeconds(5), version -> topic.send(DocumentChanges.upsert(DocumentChanges.doc(probe, version,
                        "Warm-up probe", "Probe paragraph.", "tailor-admin"))),
                () -> index.document(probe).isPresent());
        warmGroup = group;
    }
}
