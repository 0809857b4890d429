package dev.tailor.finetune.advice;

import java.util.List;

/**
 * Every measured figure the advisor decides with, for one permission group.
 *
 * @param queriesPerDay                 answered-or-not requests per day from the group's users, over the metrics window
 * @param answeredShare                 share of those requests for which permitted context was found (0..1)
 * @param retrievedTokensPerAnswered    context tokens per answered request
 * @param promptTokensPerQuery          mean prompt tokens per request
 * @param completionTokensPerQuery      mean completion tokens per request
 * @param medianHoursBetweenChanges     null with fewer than two changes in 30 days
 * @param quietHours                    hours since the last change (null if none is known)
 * @param groupCount                    permission groups in the system = models fine-tuning would maintain
 * @param measured                      the group's latest evaluation (accuracy, cost and latency per strategy), or null
 */
public record AdviceFigures(
        String groupId,
        List<String> roles,
        long documents,
        long chunks,
        long tokens,
        double queriesPerDay,
        double answeredShare,
        double retrievedTokensPerAnswered,
        double promptTokensPerQuery,
        double completionTokensPerQuery,
        double changesPerDayLastDay,
        double changesPerDayLast7Days,
        double changesPerDayLast30Days,
        long changesLast30Days,
        Double medianHoursBetweenChanges,
        Double quietHours,
        int groupCount,
        dev.tailor.contracts.GroupEvaluation measured) {
}
