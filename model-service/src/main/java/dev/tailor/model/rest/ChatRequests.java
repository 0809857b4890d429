package dev.tailor.model.rest;

import com.fasterxml.jackson.databind.JsonNode;
import de.kherud.llama.LlamaModel;
import dev.tailor.model.config.ModelServiceConfig;
import dev.tailor.model.serving.ChatRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an OpenAI chat request into a {@link ChatRequest}: checks what OpenAI checks, applies this service's
 * defaults, and refuses clearly what it cannot do. A requested JSON schema ({@code response_format}) becomes a
 * grammar, so the model can only write JSON of that shape.
 */
@ApplicationScoped
public class ChatRequests {

    static final int MAX_STOP_SEQUENCES = 4;

    private final ModelServiceConfig config;

    ChatRequests(ModelServiceConfig config) {
        this.config = config;
    }

    public ChatRequest from(ChatCompletionRequest request) {
        if (request.model() == null || request.model().isBlank()) {
            throw new InvalidRequestException("model", "you must provide a model parameter");
        }
        if (request.n() != null && request.n() != 1) {
            throw new InvalidRequestException("n", "this server returns one choice per request; n must be 1");
        }
        if (request.tools() != null && !request.tools().isNull() && !request.tools().isEmpty()) {
            throw new InvalidRequestException("tools", "this model does not support tools or function calling");
        }
        int maxTokens = Optional.ofNullable(request.maxCompletionTokens()).or(() -> Optional.ofNullable(request.maxTokens()))
                .orElse(config.serving().defaultMaxTokens());
        if (maxTokens < 1) {
            throw new InvalidRequestException("max_tokens", "max_tokens must be at least 1");
        }
        float temperature = Optional.ofNullable(request.temperature()).orElse(config.serving().defaultTemperature());
        if (temperature < 0 || temperature > 2) {
            throw new InvalidRequestException("temperature", "temperature must be between 0 and 2");
        }
        if (request.topP() != null && (request.topP() <= 0 || request.topP() > 1)) {
            throw new InvalidRequestException("top_p", "top_p must be greater than 0 and at most 1");
        }
        return new ChatRequest(messages(request.messages()), maxTokens, temperature, Optional.ofNullable(request.topP()),
                stop(request.stop()), Optional.ofNullable(request.seed()).map(Long::intValue),
                grammar(request.responseFormat()), penalty("frequency_penalty", request.frequencyPenalty()),
                penalty("presence_penalty", request.presencePenalty()));
    }

    static float penalty(String param, Float value) {
        if (value == null) {
            return 0f;
        }
        if (value < -2 || value > 2) {
            throw new InvalidRequestException(param, param + " must be between -2 and 2");
        }
        return value;
    }

    static List<ChatRequest.Message> messages(List<ChatCompletionRequest.Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new InvalidRequestException("messages", "messages must be a non-empty array");
        }
        List<ChatRequest.Message> result = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            var message = messages.get(i);
            String role = message == null || message.role() == null ? "" : message.role();
            String param = "messages[" + i + "]";
            role = switch (role) {
                case "system", "developer" -> "system";
                case "user", "assistant" -> role;
                case "tool", "function" -> throw new InvalidRequestException(param + ".role",
                        "this model does not support tools; messages of role '" + role + "' cannot be answered");
                default -> throw new InvalidRequestException(param + ".role",
                        "unknown role '" + role + "'; use system, developer, user or assistant");
            };
            result.add(new ChatRequest.Message(role, text(message.content(), param + ".content")));
        }
        if (result.stream().noneMatch(m -> m.role().equals("user"))) {
            throw new InvalidRequestException("messages", "messages must contain at least one user message");
        }
        return result;
    }

    private static String text(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new InvalidRequestException(param, "content must be a string or an array of text parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw new InvalidRequestException(param, "this model reads text only; parts of type '"
                        + part.path("type").asText() + "' are not supported");
            }
            text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
        }
        return text.toString();
    }

    static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (!stop.isArray() || stop.size() > MAX_STOP_SEQUENCES) {
            throw new InvalidRequestException("stop", "stop must be a string or an array of at most 4 strings");
        }
        List<String> sequences = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isTextual() || s.asText().isEmpty()) {
                throw new InvalidRequestException("stop", "every stop sequence must be a non-empty string");
            }
            sequences.add(s.asText());
        }
        return sequences;
    }

    static Optional<String> grammar(JsonNode format) {
        if (format == null || format.isNull()) {
            return Optional.empty();
        }
        return switch (format.path("type").asText()) {
            case "text" -> Optional.empty();
            case "json_object" -> Optional.of(LlamaModel.jsonSchemaToGrammar("{\"type\": \"object\"}"));
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw new InvalidRequestException("response_format.json_schema.schema",
                            "a json_schema response format needs a schema object");
                }
                JsonSchemaSubset.check(schema, "response_format.json_schema.schema");
                yield Optional.of(LlamaModel.jsonSchemaToGrammar(schema.toString()));
            }
            default -> throw new InvalidRequestException("response_format.type",
                    "response_format.type must be text, json_object or json_schema");
        };
    }
}
