package dev.tailor.model.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tailor.model.serving.ModelCatalog;
import dev.tailor.model.serving.ServedModel;
import dev.tailor.model.serving.UnknownModelException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /v1/models}: the base model and every fine-tuned model (OpenAI's shape). */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelsResource {

    private final ModelCatalog catalog;

    ModelsResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** OpenAI's model object. */
    public record ModelObject(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

        static ModelObject of(ServedModel model) {
            return new ModelObject(model.id(), "model", model.created(), model.adapter().isPresent() ? "tailor" : "system");
        }
    }

    @GET
    @Operation(summary = "The base model and the fine-tuned models")
    public ListPage<ModelObject> list() {
        return ListPage.of(catalog.all().stream().map(ModelObject::of).toList());
    }

    @GET
    @Path("/{model}")
    @Operation(summary = "One model")
    public ModelObject get(@PathParam("model") String model) {
        return catalog.find(model).map(ModelObject::of).orElseThrow(() -> new UnknownModelException(model));
    }
}
