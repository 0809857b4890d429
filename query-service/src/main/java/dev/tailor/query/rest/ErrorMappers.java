package dev.tailor.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailor.query.chat.ChatRejectedException;
import dev.tailor.query.chat.ChatUnavailableException;
import dev.tailor.query.routing.NoEligibleModelException;
import dev.tailor.runtime.rag.IndexUnavailableException;
import dev.tailor.runtime.rest.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The service's own failures as {@link Problem}s (the REST layer's own, such as an unreadable body, are mapped by
 * tailor-runtime). Problems a caller may want to tell apart from others of the same status have a type of their own,
 * and the request field at fault, when there is one, in the extension member {@value #PARAM}; /v1 answers them in
 * OpenAI's shape ({@link OpenAiErrors}), where the type's last segment is the {@code code}.
 */
public class ErrorMappers {

    static final String TYPE_PREFIX = "urn:tailor:problem:";
    static final String PARAM = "param";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(ConstraintViolation::getMessage)).toList();
        String message = violations.stream().map(ConstraintViolation::getMessage).distinct()
                .collect(Collectors.joining("; "));
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, message.isEmpty() ? "invalid request" : message);
        return violations.stream().findFirst().map(ErrorMappers::field).filter(f -> !f.isEmpty())
                .map(f -> problem.with(PARAM, f)).orElse(problem).toResponse();
    }

    /** A request without a token reaching a resource (the HTTP layer lets /api and /v1 through to say why). */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, AuthenticationErrors.UNAUTHORIZED).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, e.getMessage());
        return (e.param() == null ? problem : problem.with(PARAM, e.param())).toResponse();
    }

    @ServerExceptionMapper
    public Response modelNotFound(ModelNotFoundException e) {
        return Problem.of(TYPE_PREFIX + "model_not_found", "No such model", Response.Status.NOT_FOUND, e.getMessage())
                .with(PARAM, "model").toResponse();
    }

    @ServerExceptionMapper
    public Response noModel(NoEligibleModelException e) {
        return typed("no_eligible_model", "No eligible fine-tuned model", Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response indexUnavailable(IndexUnavailableException e) {
        return typed("index_unavailable", "The index is unavailable", Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ServerExceptionMapper
    public Response chatUnavailable(ChatUnavailableException e) {
        return modelUnavailable(e.getMessage()).toResponse();
    }

    /** The chat model failed: a 503, or the error event of a stream it fails midway ({@link OpenAiResource}). */
    static Problem modelUnavailable(String detail) {
        return Problem.of(TYPE_PREFIX + "model_unavailable", "The chat model is unavailable",
                Response.Status.SERVICE_UNAVAILABLE, detail);
    }

    @ServerExceptionMapper
    public Response chatRejected(ChatRejectedException e) {
        return typed("model_rejected_request", "The chat model refused the request", Response.Status.BAD_REQUEST, e.getMessage());
    }

    private static Response typed(String code, String title, Response.Status status, String detail) {
        return Problem.of(TYPE_PREFIX + code, title, status, detail).toResponse();
    }

    /**
     * The request field a violation is about, without the method and argument nodes; the last one by its JSON name
     * ({@code @JsonProperty}), as the caller wrote it.
     */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        List<String> names = nodes.stream().skip(Math.min(2, nodes.size())).map(Path.Node::getName)
                .filter(n -> n != null && !n.isEmpty() && !n.startsWith("<")).collect(Collectors.toList());
        if (!names.isEmpty() && violation.getLeafBean() != null) {
            names.set(names.size() - 1, jsonName(violation.getLeafBean().getClass(), names.get(names.size() - 1)));
        }
        return String.join(".", names);
    }

    private static String jsonName(Class<?> type, String field) {
        try {
            JsonProperty property = type.getDeclaredField(field).getAnnotation(JsonProperty.class);
            return property == null || property.value().isEmpty() ? field : property.value();
        } catch (NoSuchFieldException e) {
            return field;
        }
    }
}
