package dev.tailor.query.rest.openai;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A chat message; {@code content} is a string or OpenAI's array of parts (the text parts are used). */
public record ChatMessage(
        @Schema(examples = "user") @NotBlank(message = "every message needs a role") String role,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                examples = "How often does the on-call pager rotate?") JsonNode content) {

    public String text() {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.path("type").asText("text").equals("text") && part.path("text").isTextual()) {
                    text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asText());
                }
            }
        }
        return text.toString();
    }
}
