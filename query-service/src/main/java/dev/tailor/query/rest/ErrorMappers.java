package dev.tailor.query.rest;

import dev.tailor.query.answering.ChatUnavailableException;
import dev.tailor.runtime.rag.IndexUnavailableException;
import dev.tailor.query.routing.NoEligibleModelException;
import dev.tailor.runtime.rest.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * The service's own failures as {@link Problem}s (the REST layer's own, such as an unreadable body, are mapped by
 * tailor-runtime). Problems a caller may want to tell apart from others of the same status have a type of their own;
 * /v1 answers them in OpenAI's shape ({@link OpenAiErrors}).
 */
public class ErrorMappers {

    static final String TYPE_PREFIX = "urn:tailor:problem:";
    static final String MODEL_UNAVAILABLE = "model_unavailable";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .sorted().distinct()
                .collect(Collectors.joining("; "));
        return Problem.of(Response.Status.BAD_REQUEST, message.isEmpty() ? "invalid request" : message).toResponse();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Problem.of(Response.Status.BAD_REQUEST, e.getMessage()).toResponse();
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
        return typed(MODEL_UNAVAILABLE, "The chat model is unavailable", Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    private static Response typed(String code, String title, Response.Status status, String detail) {
        return Problem.of(TYPE_PREFIX + code, title, status, detail).toResponse();
    }
}
