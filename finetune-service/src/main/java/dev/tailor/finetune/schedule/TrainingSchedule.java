package dev.tailor.finetune.schedule;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks every group on the configured cron ({@code tailor.finetune.schedule.cron}; {@code off} disables it). */
@ApplicationScoped
public class TrainingSchedule {

    private final TrainingTrigger trigger;

    TrainingSchedule(TrainingTrigger trigger) {
        this.trigger = trigger;
    }

    @Scheduled(cron = "{tailor.finetune.schedule.cron}", identity = "train-stable-groups",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trainStableGroups() {
        trigger.trainEligibleGroups();
    }
}
