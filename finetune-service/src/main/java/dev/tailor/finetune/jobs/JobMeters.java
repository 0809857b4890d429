package dev.tailor.finetune.jobs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * Training runs by status, as the gauge {@code tailor_finetune_jobs{status}} (runs the jobs topic holds in that
 * status now). A rise of {@code status="failed"} is a failed training run: k8s/components/monitoring alerts on it.
 */
@Startup
@ApplicationScoped
public class JobMeters {

    JobMeters(JobStore jobs, MeterRegistry registry) {
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("tailor.finetune.jobs", jobs, j -> j.all().stream().filter(r -> r.status() == status).count())
                    .description("Training runs in each status")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
