package dev.tailor.model.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a server-sent event stream as OpenAI clients do: events are separated by a blank line, each is {@code data: …}. */
public final class Sse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sse() {
    }

    /** The data of each event, in order; {@code [DONE]} included as a text node. */
    public static List<JsonNode> events(String body) {
        List<JsonNode> events = new ArrayList<>();
        for (String event : body.split("\n\n")) {
            if (event.isBlank()) {
                continue;
            }
            if (!event.startsWith("data: ") || event.contains("\n")) {
                throw new AssertionError("not a single-line SSE data event: <" + event + ">");
            }
            String data = event.substring("data: ".length());
            try {
                events.add(data.equals("[DONE]") ? JSON.getNodeFactory().textNode(data) : JSON.readTree(data));
            } catch (IOException e) {
                throw new UncheckedIOException("event data is not JSON: " + data, e);
            }
        }
        return events;
    }

    /** The content deltas of a streamed completion, joined. */
    public static String content(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        for (JsonNode event : events) {
            for (JsonNode choice : event.path("choices")) {
                text.append(choice.path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }
}
