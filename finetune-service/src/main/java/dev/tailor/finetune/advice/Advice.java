package dev.tailor.finetune.advice;

import java.util.List;

/** The advisor's answer for one group: what to use, why, and every figure it used. */
public record Advice(String groupId, Recommendation recommendation, List<String> reasons, AdviceFigures figures,
                     Costs costs, List<String> timeToMarket, Evidence evidence) {
}
