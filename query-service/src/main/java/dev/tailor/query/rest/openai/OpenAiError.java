package dev.tailor.query.rest.openai;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAI's error body, which OpenAI clients read and show: {@code {"error": {"message", "type", "param", "code"}}}. */
@Schema(name = "OpenAiError", description = "OpenAI's error object")
public record OpenAiError(Detail error) {

    public record Detail(
            @Schema(examples = "unknown model 'gpt-4'; use GET /v1/models") String message,
            @Schema(examples = "invalid_request_error") String type,
            @Schema(description = "the request field at fault, if one is", examples = "model") String param,
            @Schema(examples = "model_not_found") String code) {
    }

    public static OpenAiError of(String message, String type, String param, String code) {
        return new OpenAiError(new Detail(message, type, param, code));
    }

    /** The type OpenAI gives errors of this HTTP status. */
    public static String typeOf(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
