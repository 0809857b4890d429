package dev.tailor.query.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.runtime.rest.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Gives 401 and 403 a body, which the HTTP security layer (proactive authentication, before any resource) sends
 * without: OpenAI's error object on /v1, where OpenAI clients show its message, and problem details on /api. Other
 * paths keep the security layer's answer.
 */
@ApplicationScoped
public class AuthenticationErrors {

    static final String UNAUTHORIZED = "a valid access token of the Tailor realm is required as the bearer token "
            + "(OpenAI clients: as the API key); it is missing, expired or not signed by the realm";
    static final String FORBIDDEN = "your roles do not allow this";

    private final ObjectMapper mapper;

    AuthenticationErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void shape(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        boolean unauthorized = failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException;
        String path = context.normalizedPath();
        boolean openAi = OpenAiErrors.isOpenAi(path);
        if (!(unauthorized || failure instanceof ForbiddenException) || !(openAi || path.startsWith("/api/"))
                || context.response().headWritten()) {
            context.next();
            return;
        }
        Problem problem = unauthorized ? Problem.of(Response.Status.UNAUTHORIZED, UNAUTHORIZED)
                : Problem.of(Response.Status.FORBIDDEN, FORBIDDEN);
        try {
            String body = mapper.writeValueAsString(openAi ? OpenAiErrors.of(problem) : problem);
            if (unauthorized) {
                context.response().putHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, openAi ? MediaType.APPLICATION_JSON : Problem.MEDIA_TYPE)
                    .end(body);
        } catch (JsonProcessingException e) {
            context.next();
        }
    }
}
