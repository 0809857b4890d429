package dev.tailor.query.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tailor.query.answering.Conversation;
import dev.tailor.query.chat.Generation;
import dev.tailor.query.rest.openai.ChatCompletionRequest;
import dev.tailor.query.rest.openai.ChatMessage;
import dev.tailor.runtime.rag.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an OpenAI chat request as Tailor answers it, refusing clearly what it cannot honour. The caller's system
 * messages are not passed on: Tailor's own instructions keep answers grounded in what the caller may read.
 */
final class OpenAiRequests {

    static final int MAX_QUESTION_CHARS = 4000;
    static final int MAX_STOP_SEQUENCES = 4;

    private OpenAiRequests() {
    }

    /** The last user message, and the user and assistant messages before it. */
    static Conversation conversation(List<ChatMessage> messages) {
        int last = -1;
        for (int i = 0; i < messages.size(); i++) {
            String role = messages.get(i).role();
            switch (role) {
                case "user" -> last = i;
                case "system", "developer", "assistant" -> {
                }
                case "tool", "function" -> throw new InvalidParameterException("messages[" + i + "].role",
                        "Tailor does not call tools; messages of role '" + role + "' cannot be answered");
                default -> throw new InvalidParameterException("messages[" + i + "].role",
                        "unknown role '" + role + "'; use system, developer, user or assistant");
            }
        }
        if (last < 0) {
            throw new InvalidParameterException("messages", "messages contain no user message");
        }
        String question = messages.get(last).text();
        if (question.isBlank()) {
            throw new InvalidParameterException("messages[" + last + "].content", "the last user message is empty");
        }
        if (question.length() > MAX_QUESTION_CHARS) {
            throw new InvalidParameterException("messages[" + last + "].content",
                    "the question must be at most " + MAX_QUESTION_CHARS + " characters");
        }
        List<Turn> history = new ArrayList<>();
        for (ChatMessage m : messages.subList(0, last)) {
            if ((m.role().equals(Turn.USER) || m.role().equals(Turn.ASSISTANT)) && !m.text().isBlank()) {
                history.add(new Turn(m.role(), m.text()));
            }
        }
        return new Conversation(question, history);
    }

    static Generation generation(ChatCompletionRequest r) {
        if (r.n() != null && r.n() != 1) {
            throw new InvalidParameterException("n", "Tailor returns one choice per request; n must be 1");
        }
        refuseIfSet(r.tools(), "tools", "Tailor does not call tools or functions; remove tools");
        refuseIfSet(r.functions(), "functions", "Tailor does not call tools or functions; remove functions");
        refuseIfSet(r.toolChoice(), "tool_choice", "Tailor does not call tools or functions; remove tool_choice");
        if (r.responseFormat() != null && !r.responseFormat().isNull()
                && !"text".equals(r.responseFormat().path("type").asText())) {
            throw new InvalidParameterException("response_format",
                    "Tailor answers in text with citations; response_format must be text");
        }
        if (Boolean.TRUE.equals(r.logprobs())) {
            throw new InvalidParameterException("logprobs", "Tailor does not return log probabilities; logprobs must be false");
        }
        if (r.topP() != null && (r.topP() <= 0 || r.topP() > 1)) {
            throw new InvalidParameterException("top_p", "top_p must be greater than 0 and at most 1");
        }
        Integer maxTokens = Optional.ofNullable(r.maxCompletionTokens()).orElse(r.maxTokens());
        return new Generation(maxTokens, r.temperature(), r.topP(), stop(r.stop()), r.user());
    }

    private static void refuseIfSet(JsonNode value, String param, String message) {
        if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
            throw new InvalidParameterException(param, message);
        }
    }

    static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual() && !stop.asText().isEmpty()) {
            return List.of(stop.asText());
        }
        if (!stop.isArray() || stop.size() > MAX_STOP_SEQUENCES) {
            throw new InvalidParameterException("stop", "stop must be a string or an array of at most 4 strings");
        }
        List<String> sequences = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isTextual() || s.asText().isEmpty()) {
                throw new InvalidParameterException("stop", "every stop sequence must be a non-empty string");
            }
            sequences.add(s.asText());
        }
        return sequences;
    }
}
