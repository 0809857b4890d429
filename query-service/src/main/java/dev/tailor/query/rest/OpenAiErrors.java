package dev.tailor.query.rest;

import dev.tailor.query.rest.dto.ErrorResponse;
import dev.tailor.runtime.rest.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.annotation.Annotation;

/**
 * OpenAI clients parse errors of the OpenAI-compatible endpoints (/v1) as {@link ErrorResponse}: a problem becomes
 * {@code {"error": code, "message": detail}} there, with the code its type names ({@code bad_request} for a 400).
 * A problem of any other status keeps the bare status /v1 has always answered it with.
 */
public class OpenAiErrors {

    @ServerResponseFilter
    public void openAiShape(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem) || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        String code = problem.type() != null && problem.type().startsWith(ErrorMappers.TYPE_PREFIX)
                ? problem.type().substring(ErrorMappers.TYPE_PREFIX.length())
                : problem.status() == 400 ? "bad_request" : null;
        if (code == null) {
            response.setEntity(null);
            response.getHeaders().remove("Content-Type");
        } else {
            response.setEntity(new ErrorResponse(code, problem.detail()), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
