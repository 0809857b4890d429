package dev.tailor.finetune.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** A 404 says what was not found, as JSON. */
public class NotFoundMapper {

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Response.status(404).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(e.getMessage(), List.of(), null)).build();
    }
}
