package dev.tailor.finetune.advice;

import dev.tailor.contracts.QueryMetric;
import dev.tailor.contracts.Roles;
import dev.tailor.finetune.config.AdvisorConfig;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.corpus.GroupCorpus;
import dev.tailor.finetune.groups.PermissionGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Gathers the live figures per group and asks the {@link Advisor}. A query metric belongs to every group holding
 * one of the asker's roles other than {@code public}; an asker with no other role belongs to the public group.
 */
@ApplicationScoped
public class AdviceService {

    @Inject
    CorpusTracker corpus;
    @Inject
    QueryMetricsTracker metrics;
    @Inject
    AdvisorConfig config;
    @Inject
    Clock clock;

    public List<Advice> advise() {
        List<GroupCorpus> groups = corpus.corpora();
        var window = config.metricsWindow();
        List<QueryMetric> recent = metrics.since(clock.instant().minus(window));
        AdvisorPolicy policy = AdvisorPolicy.of(config);
        return groups.stream()
                .map(g -> Advisor.decide(figures(g, recent, window, groups.size()), policy))
                .toList();
    }

    static AdviceFigures figures(GroupCorpus g, List<QueryMetric> recent, Duration window, int groupCount) {
        List<QueryMetric> mine = recent.stream().filter(m -> belongsTo(m, g.group())).toList();
        double days = Math.max(window.toMinutes() / 1440.0, 1e-9);
        long answered = mine.stream().filter(QueryMetric::answered).count();
        return new AdviceFigures(g.group().id(), g.group().roles(), g.documents(), g.chunks(), g.tokens(),
                mine.size() / days,
                mine.isEmpty() ? 0 : (double) answered / mine.size(),
                answered == 0 ? 0 : mine.stream().filter(QueryMetric::answered).mapToLong(QueryMetric::retrievedTokens).sum()
                        / (double) answered,
                mine.stream().mapToLong(QueryMetric::promptTokens).average().orElse(0),
                mine.stream().mapToLong(QueryMetric::completionTokens).average().orElse(0),
                g.changesPerDay(1), g.changesPerDay(7), g.changesPerDay(30), g.changesLast30Days(),
                g.medianGap() == null ? null : g.medianGap().toSeconds() / 3600.0,
                g.quietFor() == null ? null : g.quietFor().toSeconds() / 3600.0,
                groupCount);
    }

    static boolean belongsTo(QueryMetric metric, PermissionGroup group) {
        List<String> roles = metric.roles() == null ? List.of() : metric.roles();
        List<String> own = roles.stream().filter(r -> !Roles.PUBLIC.equals(r)).toList();
        if (own.isEmpty()) {
            return group.roles().contains(Roles.PUBLIC);
        }
        return own.stream().anyMatch(group.roles()::contains);
    }
}
