package dev.tailor.model.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;
import java.util.UUID;

/**
 * One entry of a job's event log, in OpenAI's shape ({@code fine_tuning.job.event}); {@code type: metrics} events
 * carry the step's figures in {@code data}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEvent(String id, String object, @JsonProperty("created_at") long createdAt, String level,
                       String message, String type, Map<String, Object> data) {

    static JobEvent message(String level, String message) {
        return new JobEvent(newId(), "fine_tuning.job.event", now(), level, message, "message", null);
    }

    static JobEvent metrics(String message, Map<String, Object> data) {
        return new JobEvent(newId(), "fine_tuning.job.event", now(), "info", message, "metrics", data);
    }

    private static String newId() {
        return "ftevent-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
