package dev.tailor.query.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The web console's runtime configuration. Open to everyone: the console reads it before signing in, and it holds
 * only addresses and a public client id.
 */
@Path("/console/config")
@PermitAll
@Tag(name = "console")
public class ConsoleSettingsResource {

    private final ConsoleSettings settings;

    ConsoleSettingsResource(ConsoleConfig config) {
        this.settings = ConsoleSettings.of(config);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the web console signs in and which service URLs it calls")
    public ConsoleSettings settings() {
        return settings;
    }
}
