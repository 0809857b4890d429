package dev.tailor.runtime.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Turns the failures the REST layer itself raises (unknown path or method, unreadable body, a status thrown by a
 * resource) into {@link Problem}s. Each service maps its own exceptions with {@link Problem} too. Messages are meant
 * for the caller: never stack traces or internals (those stay in the log).
 */
public class ProblemMappers {

    static final String UNREADABLE_BODY = "the request body is not valid JSON of the expected shape";

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        // Quarkus REST reports an unparseable body as a bare 400
        String detail = response.getStatus() == 400 ? UNREADABLE_BODY : e.getMessage();
        Problem problem = Problem.of(response.getStatusInfo(), detail);
        return Response.fromResponse(response).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return Problem.of(Response.Status.BAD_REQUEST, mismatchDetail(e)).toResponse();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, UNREADABLE_BODY).toResponse();
    }

    /** Where in the body the JSON does not fit the expected shape, when Jackson knows. */
    public static String mismatchDetail(MismatchedInputException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                .collect(Collectors.joining("."));
        return UNREADABLE_BODY + (field.isEmpty() ? "" : " (at " + field + ")");
    }
}
