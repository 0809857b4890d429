package dev.tailor.model.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.tailor.model.serving.ModelUnavailableException;
import dev.tailor.model.serving.PromptTooLongException;
import dev.tailor.model.serving.ServerBusyException;
import dev.tailor.model.serving.UnknownModelException;
import dev.tailor.model.training.InvalidJobException;
import dev.tailor.model.training.TrainingQueueFullException;
import dev.tailor.model.training.UnknownJobException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Every error of this API as OpenAI writes it, so that OpenAI clients show the message: the status, and
 * {@code {"error": {"message", "type", "param", "code"}}}. Messages never carry stack traces or file paths of the
 * server; those stay in the log.
 */
public class OpenAiErrors {

    private static final Logger LOG = Logger.getLogger(OpenAiErrors.class);

    static final String INVALID_REQUEST = "invalid_request_error";

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return error(400, e.getMessage(), INVALID_REQUEST, e.param(), null);
    }

    @ServerExceptionMapper
    public Response invalidJob(InvalidJobException e) {
        return error(400, e.getMessage(), INVALID_REQUEST, e.param(), null);
    }

    @ServerExceptionMapper
    public Response unknownModel(UnknownModelException e) {
        return error(404, e.getMessage(), INVALID_REQUEST, "model", "model_not_found");
    }

    @ServerExceptionMapper
    public Response unknownJob(UnknownJobException e) {
        return error(404, e.getMessage(), INVALID_REQUEST, "fine_tuning_job_id", "not_found");
    }

    @ServerExceptionMapper
    public Response unknownFile(FilesResource.NoSuchFileException e) {
        return error(404, e.getMessage(), INVALID_REQUEST, "file_id", "not_found");
    }

    @ServerExceptionMapper
    public Response tooLong(PromptTooLongException e) {
        return error(400, e.getMessage(), INVALID_REQUEST, "messages", "context_length_exceeded");
    }

    @ServerExceptionMapper
    public Response busy(ServerBusyException e) {
        return error(429, e.getMessage(), "rate_limit_error", null, "rate_limit_exceeded");
    }

    @ServerExceptionMapper
    public Response queueFull(TrainingQueueFullException e) {
        return error(429, e.getMessage(), "rate_limit_error", null, "rate_limit_exceeded");
    }

    @ServerExceptionMapper
    public Response unavailable(ModelUnavailableException e) {
        LOG.warn(e.getMessage(), e.getCause());
        return error(503, e.getMessage(), "server_error", null, "model_unavailable");
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(Collectors.joining("."));
        return error(400, "the request body is not valid JSON of the expected shape" + (field.isEmpty() ? "" : " (at " + field + ")"),
                INVALID_REQUEST, field.isEmpty() ? null : field, null);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return error(400, "the request body is not valid JSON", INVALID_REQUEST, null, null);
    }

    /** What Quarkus REST itself refuses (unknown path, wrong method or media type, unreadable body) gets a message too. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String message = switch (status) {
            case 400 -> "the request body is not valid JSON of the expected shape";
            case 401 -> "missing or invalid API key (Authorization: Bearer …)";
            case 404 -> "unknown URL; this server offers /v1/chat/completions, /v1/models, /v1/files and /v1/fine_tuning/jobs";
            case 405 -> "this method is not allowed on this URL";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported content type";
            default -> e.getMessage() == null ? "request failed" : e.getMessage();
        };
        String type = status == 401 ? "authentication_error" : status >= 500 ? "server_error" : INVALID_REQUEST;
        return error(status, message, type, null, null);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure", e);
        return error(500, "the server failed to process the request", "server_error", null, null);
    }

    /** The body of an error reported inside a stream (the status is already 200 there). */
    static OpenAiError body(Throwable e) {
        if (e instanceof ServerBusyException || e instanceof ModelUnavailableException) {
            return OpenAiError.of(e.getMessage(), "server_error", null, null);
        }
        LOG.warn("a streamed completion failed midway", e);
        return OpenAiError.of("the model failed while answering", "server_error", null, null);
    }

    static Response error(int status, String message, String type, String param, String code) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(OpenAiError.of(message, type, param, code)).build();
    }
}
