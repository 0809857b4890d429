package dev.tailor.query.chat;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The chat provider's OpenAI-compatible API (model-service by default; any OpenAI-compatible server). Its address
 * and key come from {@code tailor.query.chat.*} (application.properties wires them into {@code quarkus.rest-client.chat}).
 */
@RegisterRestClient(configKey = "chat")
@Path("/chat/completions")
@Consumes(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Authorization", value = "Bearer ${tailor.query.chat.api-key}")
public interface OpenAiChatClient {

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    Uni<ProviderResponse.Completion> complete(ProviderRequest request);

    /** The {@code data} of each server-sent event: a chunk's JSON, then {@code [DONE]}. */
    @POST
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<String> stream(ProviderRequest request);
}
