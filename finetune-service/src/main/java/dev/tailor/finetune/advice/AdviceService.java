package dev.tailor.finetune.advice;

import dev.tailor.contracts.Roles;
import dev.tailor.finetune.config.AdvisorConfig;
import dev.tailor.finetune.corpus.CorpusTracker;
import dev.tailor.finetune.corpus.GroupCorpus;
import dev.tailor.finetune.groups.PermissionGroup;
import jakarta.enterprise.context.ApplicationScoped;
import dev.tailor.finetune.evaluation.EvaluationStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Gathers the live figures per group and asks the {@link Advisor}. A query metric belongs to every group holding
 * one of the asker's roles other than {@code public}; an asker with no other role belongs to the public group.
 */
@ApplicationScoped
public class AdviceService {

    private final CorpusTracker corpus;
    private final QueryMetricsTracker metrics;
    private final AdvisorConfig config;
    private final Clock clock;
    private final EvaluationStore evaluations;

    AdviceService(CorpusTracker corpus, QueryMetricsTracker metrics, AdvisorConfig config, Clock clock,
                  EvaluationStore evaluations) {
        this.corpus = corpus;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.evaluations = evaluations;
    }

    public List<Advice> advise() {
        List<GroupCorpus> groups = corpus.corpora();
        var window = config.metricsWindow();
        Map<List<String>, QueryTraffic.Totals> recent = metrics.since(clock.instant().minus(window));
        AdvisorPolicy policy = AdvisorPolicy.of(config);
        return groups.stream()
                .map(g -> Advisor.decide(figures(g, recent, window, groups.size(),
                        evaluations.latest(g.group().id()).orElse(null)), policy))
                .toList();
    }

    static AdviceFigures figures(GroupCorpus g, Map<List<String>, QueryTraffic.Totals> recent, Duration window,
            int groupCount, dev.tailor.contracts.GroupEvaluation measured) {
        QueryTraffic.Totals mine = recent.entrySet().stream().filter(e -> belongsTo(e.getKey(), g.group()))
                .map(Map.Entry::getValue).reduce(QueryTraffic.Totals.NONE, QueryTraffic.Totals::plus);
        double days = Math.max(window.toMinutes() / 1440.0, 1e-9);
        return new AdviceFigures(g.group().id(), g.group().roles(), g.documents(), g.chunks(), g.tokens(),
                mine.queries() / days,
                ratio(mine.answered(), mine.queries()),
                ratio(mine.retrievedTokensAnswered(), mine.answered()),
                ratio(mine.promptTokens(), mine.queries()),
                ratio(mine.completionTokens(), mine.queries()),
                g.changesPerDay(1), g.changesPerDay(7), g.changesPerDay(30), g.changesLast30Days(),
                g.medianGap() == null ? null : g.medianGap().toSeconds() / 3600.0,
                g.quietFor() == null ? null : g.quietFor().toSeconds() / 3600.0,
                groupCount, measured);
    }

    private static double ratio(long sum, long count) {
        return count == 0 ? 0 : sum / (double) count;
    }

    /** Whether queries of askers holding {@code roles} count for {@code group}. */
    static boolean belongsTo(List<String> roles, PermissionGroup group) {
        List<String> own = roles.stream().filter(r -> !Roles.PUBLIC.equals(r)).toList();
        if (own.isEmpty()) {
            return group.roles().contains(Roles.PUBLIC);
        }
        return own.stream().anyMatch(group.roles()::contains);
    }
}
