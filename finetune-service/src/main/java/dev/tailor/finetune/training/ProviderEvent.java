package dev.tailor.finetune.training;

import com.fasterxml.jackson.databind.JsonNode;

/** One of a provider job's events; {@code data} holds a metrics event's figures (null for plain messages). */
public record ProviderEvent(String message, String type, JsonNode data) {
}
