package dev.tailor.runtime.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of every {@code /api/*} error: RFC 9457 problem details ({@value #MEDIA_TYPE}). {@code type} is omitted
 * (= {@code about:blank}, the status says it all) unless the problem has a meaning of its own; extension members
 * carry what a caller can act on (the reasons a group may not train, the job in the way).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "URI of the problem type; absent means about:blank", examples = "urn:tailor:problem:index-unavailable")
        String type,
        @Schema(description = "Short summary of the problem type", examples = "Service Unavailable") String title,
        @Schema(description = "HTTP status", examples = "503") int status,
        @Schema(description = "What went wrong this time, for the caller", examples = "the index is unavailable") String detail,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of type {@code about:blank}: its title is the status' reason phrase. */
    public static Problem of(Response.StatusType status, String detail) {
        return new Problem(null, status.getReasonPhrase(), status.getStatusCode(), detail, Map.of());
    }

    /** The same for a status Jakarta REST has no constant of (422). */
    public static Problem of(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "HTTP " + status;
        return new Problem(null, title, status, detail, Map.of());
    }

    /** A problem of a type of its own, which callers may tell apart from others of the same status. */
    public static Problem of(String type, String title, Response.StatusType status, String detail) {
        return new Problem(type, title, status.getStatusCode(), detail, Map.of());
    }

    /** This problem with one more extension member. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, more);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
