package dev.tailor.query.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.contracts.GroupEvaluation;
import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Topics;
import dev.tailor.query.config.QueryConfig;
import dev.tailor.runtime.kafka.CompactedTopicState;
import dev.tailor.runtime.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What routing decides on: the serving models ({@link Topics#MODELS_REGISTRY}) and the latest evaluations
 * ({@link Topics#MODELS_EVALUATIONS}), each a compacted topic followed from its beginning.
 */
@ApplicationScoped
public class RoutingState {

    private static final Logger LOG = Logger.getLogger(RoutingState.class);

    private final QueryConfig.Routing config;
    private final KafkaClients clients;
    private final ObjectMapper mapper;
    private volatile Optional<CompactedTopicState<ModelPromotion>> models = Optional.empty();
    private volatile Optional<CompactedTopicState<GroupEvaluation>> evaluations = Optional.empty();

    RoutingState(QueryConfig config, KafkaClients clients, ObjectMapper mapper) {
        this.config = config.routing();
        this.clients = clients;
        this.mapper = mapper;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("model routing is disabled: no fine-tuned model answers, and auto answers with rag");
            return;
        }
        models = Optional.of(follow(Topics.MODELS_REGISTRY, ModelPromotion.class));
        evaluations = Optional.of(follow(Topics.MODELS_EVALUATIONS, GroupEvaluation.class));
    }

    void onStop(@Observes ShutdownEvent event) {
        models.ifPresent(CompactedTopicState::close);
        evaluations.ifPresent(CompactedTopicState::close);
    }

    public ModelRegistry registry() {
        return new ModelRegistry(models.map(m -> m.values().values()).orElse(List.of()));
    }

    /**
     * The latest evaluation of the user's group: the group of the model that would answer them when they have one,
     * else a group of one of their roles (the first by id, so that the choice is stable).
     */
    public Optional<GroupEvaluation> evaluationFor(Set<String> roles, Optional<ModelPromotion> model) {
        Map<String, GroupEvaluation> latest = evaluations.map(CompactedTopicState::values).orElse(Map.of());
        return model.map(m -> latest.get(m.groupId())).or(() -> latest.values().stream()
                .filter(e -> e.roles().stream().anyMatch(roles::contains))
                .min(java.util.Comparator.comparing(GroupEvaluation::groupId)));
    }

    /** The followers of both topics; none while routing is disabled. */
    Collection<CompactedTopicState<?>> followers() {
        List<CompactedTopicState<?>> followers = new java.util.ArrayList<>();
        models.ifPresent(followers::add);
        evaluations.ifPresent(followers::add);
        return followers;
    }

    private <V> CompactedTopicState<V> follow(String topic, Class<V> type) {
        return CompactedTopicState.follow(topic, value -> {
            try {
                return mapper.readValue(value, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, clients, config.pollTimeout(), config.retryDelay());
    }
}
