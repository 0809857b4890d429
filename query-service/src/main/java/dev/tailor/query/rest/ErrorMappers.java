package dev.tailor.query.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tailor.query.answering.ChatUnavailableException;
import dev.tailor.query.rest.dto.ErrorResponse;
import dev.tailor.query.retrieval.IndexUnavailableException;
import dev.tailor.query.routing.NoEligibleModelException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Every failure becomes a JSON {@link ErrorResponse} with a message meant for the caller; messages never carry
 * stack traces, provider URLs or other internals (those stay in the log).
 */
public class ErrorMappers {

    static final String MODEL_UNAVAILABLE = "model_unavailable";

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .sorted().distinct()
                .collect(Collectors.joining("; "));
        return error(Response.Status.BAD_REQUEST, "bad_request", message.isEmpty() ? "invalid request" : message);
    }

    @ServerExceptionMapper
    public Response mismatched(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(Collectors.joining("."));
        return error(Response.Status.BAD_REQUEST, "bad_request",
                "the request body is not valid JSON of the expected shape" + (field.isEmpty() ? "" : " (at " + field + ")"));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "bad_request",
                "the request body is not valid JSON of the expected shape");
    }

    /** Quarkus REST reports unparseable bodies as a bare 400; give it a message. Other statuses pass through. */
    @ServerExceptionMapper
    public Response unreadable(jakarta.ws.rs.WebApplicationException e) {
        Response response = e.getResponse();
        if (response != null && response.getStatus() == 400 && !response.hasEntity()) {
            return error(Response.Status.BAD_REQUEST, "bad_request",
                    "the request body is not valid JSON of the expected shape");
        }
        return response;
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return error(Response.Status.BAD_REQUEST, "bad_request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response noModel(NoEligibleModelException e) {
        return error(Response.Status.CONFLICT, "no_eligible_model", e.getMessage());
    }

    @ServerExceptionMapper
    public Response indexUnavailable(IndexUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, "index_unavailable", e.getMessage());
    }

    @ServerExceptionMapper
    public Response chatUnavailable(ChatUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, MODEL_UNAVAILABLE, e.getMessage());
    }

    static Response error(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(code, message)).build();
    }
}
