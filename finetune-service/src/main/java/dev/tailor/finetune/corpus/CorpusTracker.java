package dev.tailor.finetune.corpus;

import dev.tailor.contracts.DocumentIndexed;
import dev.tailor.contracts.Topics;
import dev.tailor.finetune.groups.PermissionGroup;
import dev.tailor.finetune.groups.PermissionGroups;
import dev.tailor.finetune.kafka.KafkaSupport;
import dev.tailor.finetune.kafka.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds the corpus state on startup by replaying docs.indexed from the beginning (its retention, 35 days, covers
 * the 30-day change windows) and keeps following it. No database: the topic is the state.
 */
@ApplicationScoped
public class CorpusTracker {

    private final CorpusState state = new CorpusState();
    private TopicFollower follower;

    @Inject
    KafkaSupport kafka;

    @Inject
    Clock clock;

    @jakarta.annotation.PostConstruct
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

    static DocumentIndexed read(String json) {
        try {
            return KafkaSupport.JSON.readValue(json, DocumentIndexed.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a DocumentIndexed: " + e.getMessage(), e);
        }
    }

    public boolean awaitReplay(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    public boolean replayed() {
        return follower != null && follower.isCaughtUp();
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
