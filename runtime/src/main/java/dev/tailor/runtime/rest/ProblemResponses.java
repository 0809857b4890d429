package dev.tailor.runtime.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Documents the error body in OpenAPI once for all: every 4xx and 5xx response of an {@code /api/*} operation that
 * declares no body of its own is a {@link Problem} (but 401 and 403, which have none).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    private static final String SCHEMA = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Content problem = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/") || item.getOperations() == null) {
                return;
            }
            item.getOperations().values().stream()
                    .filter(operation -> operation.getResponses() != null && operation.getResponses().getAPIResponses() != null)
                    .flatMap(operation -> operation.getResponses().getAPIResponses().entrySet().stream())
                    .filter(response -> response.getKey().startsWith("4") || response.getKey().startsWith("5"))
                    // 401 and 403 come from the HTTP security layer, without a body
                    .filter(response -> !response.getKey().equals("401") && !response.getKey().equals("403"))
                    .filter(response -> response.getValue().getContent() == null)
                    .forEach(response -> response.getValue().setContent(problem));
        });
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            throw new IllegalStateException("the Problem schema is missing from the OpenAPI components");
        }
    }
}
