package dev.tailor.finetune.corpus;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.groups.PermissionGroup;
import dev.tailor.finetune.groups.PermissionGroups;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The corpus as the index holds it, kept current: every document object of the index (read at start and every
 * {@code tailor.finetune.index-resync}, so no document is forgotten once its docs.indexed events expire), and the
 * changes of docs.indexed, replayed from the beginning of what the topic keeps and followed.
 */
@ApplicationScoped
public class CorpusTracker {

    private static final Logger LOG = Logger.getLogger(CorpusTracker.class);

    private final CorpusState state = new CorpusState();
    private final KafkaSupport kafka;
    private final IndexedDocuments index;
    private final Clock clock;
    private TopicFollower follower;
    private final java.util.concurrent.CountDownLatch indexRead = new java.util.concurrent.CountDownLatch(1);

    CorpusTracker(KafkaSupport kafka, IndexedDocuments index, Clock clock) {
        this.kafka = kafka;
        this.index = index;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        follower = kafka.follow(Topics.DOCS_INDEXED, record -> {
            if (record.value() != null) {
                state.apply(read(record.value()));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (follower != null) {
            follower.close();
        }
    }

    /** Reads every document of the index into the state; until it first succeeds, readiness stays down. */
    @Scheduled(every = "{tailor.finetune.index-resync}", delay = 0, identity = "read-indexed-documents",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void readIndex() {
        try {
            List<IndexedDocument> documents = index.all();
            long changed = documents.stream().filter(state::applyIndexed).count();
            if (indexRead.getCount() > 0 || changed > 0) {
                LOG.infof("read %d document(s) from the index, %d newer than docs.indexed told", documents.size(), changed);
            }
            indexRead.countDown();
        } catch (RuntimeException e) {
            LOG.warnf("could not read the documents of the index (%s); trying again", e.getMessage());
        }
    }

    static DocumentIndexed read(String json) {
        try {
            return KafkaSupport.JSON.readValue(json, DocumentIndexed.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a DocumentIndexed: " + e.getMessage(), e);
        }
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean replayed = follower.awaitCaughtUp(timeout);
        return indexRead.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)
                && replayed;
    }

    public boolean replayed() {
        return follower != null && follower.isCaughtUp() && indexRead.getCount() == 0;
    }

    /** The current permission groups, recomputed from the live ACLs on every call. */
    public List<PermissionGroup> groups() {
        return PermissionGroups.of(state.liveDocuments());
    }

    public List<GroupCorpus> corpora() {
        var docs = state.liveDocuments();
        var changes = state.changes();
        var now = clock.instant();
        return PermissionGroups.of(docs).stream()
                .map(g -> CorpusStatistics.of(g, docs, changes, now))
                .toList();
    }

    public Optional<GroupCorpus> corpus(String groupId) {
        return corpora().stream().filter(c -> c.group().id().equals(groupId)).findFirst();
    }
}
