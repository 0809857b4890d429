package dev.tailor.query.rest;

import dev.tailor.query.rest.openai.OpenAiError;
import dev.tailor.runtime.rest.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.annotation.Annotation;

/**
 * On the OpenAI-compatible endpoints (/v1) every error is OpenAI's error object, which OpenAI clients read and show:
 * a problem's detail is the {@code message}, the status gives the {@code type}, a problem type of Tailor's own gives
 * the {@code code}, its {@code param} member the {@code param}. (401 and 403, which the security layer answers before
 * any resource, are shaped by {@link AuthenticationErrors}.)
 */
public class OpenAiErrors {

    @ServerResponseFilter
    public void openAiShape(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && isOpenAi(request.getUriInfo().getPath())) {
            response.setEntity(of(problem), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        }
    }

    static boolean isOpenAi(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    static OpenAiError of(Problem problem) {
        String code = problem.type() != null && problem.type().startsWith(ErrorMappers.TYPE_PREFIX)
                ? problem.type().substring(ErrorMappers.TYPE_PREFIX.length())
                : null;
        Object param = problem.extensions().get(ErrorMappers.PARAM);
        return OpenAiError.of(problem.detail(), OpenAiError.typeOf(problem.status()),
                param == null ? null : param.toString(), code);
    }
}
