package dev.tailor.model.rest;

import dev.tailor.model.config.ModelServiceConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * When {@code tailor.model.api-key} is set, every {@code /v1} request must carry it as OpenAI clients send it
 * ({@code Authorization: Bearer <key>}); the answer to a missing or wrong key is OpenAI's 401.
 */
public class ApiKeyFilter {

    private final Optional<byte[]> key;

    ApiKeyFilter(ModelServiceConfig config) {
        this.key = config.apiKey().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        if (key.isEmpty() || !request.getUriInfo().getPath().startsWith("/v1")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        if (MessageDigest.isEqual(key.get(), given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(OpenAiErrors.error(401, given.isEmpty()
                        ? "You didn't provide an API key (Authorization: Bearer <key>)."
                        : "Incorrect API key provided.", "authentication_error", null, "invalid_api_key"));
    }
}
