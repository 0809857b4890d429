package dev.tailor.finetune.rest;

import dev.tailor.contracts.ModelPromotion;
import dev.tailor.contracts.Roles;
import dev.tailor.finetune.registry.ModelRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/v1/models")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelRegistry registry;

    ModelsResource(ModelRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "The serving model per permission group (the models.registry)")
    public List<ModelPromotion> models() {
        return registry.all();
    }
}
