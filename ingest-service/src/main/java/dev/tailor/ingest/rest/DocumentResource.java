package dev.tailor.ingest.rest;

import dev.tailor.contracts.Roles;
import dev.tailor.ingest.index.DocumentCatalog;
import dev.tailor.ingest.index.DocumentIndex;
import dev.tailor.ingest.index.IndexUnavailableException;
import dev.tailor.runtime.rest.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Administrators inspect what the index holds for a document. */
@Path("/api/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class DocumentResource {

    private final DocumentIndex index;
    private final DocumentCatalog catalog;

    DocumentResource(DocumentIndex index, DocumentCatalog catalog) {
        this.index = index;
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "Indexed documents whose id or title matches q (every document without q), last changed first")
    @APIResponse(responseCode = "200", description = "at most limit (1 to 200) documents")
    @APIResponse(responseCode = "503", description = "Weaviate is unavailable")
    public Response documents(@QueryParam("q") String q, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 200) {
            return Problem.of(Response.Status.BAD_REQUEST, "limit must be between 1 and 200").toResponse();
        }
        try {
            return Response.ok(catalog.find(q, limit).stream().map(DocumentStatus::of).toList()).build();
        } catch (IndexUnavailableException e) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "the index is unavailable: " + e.getMessage()).toResponse();
        }
    }

    @GET
    @Path("/{docId}")
    @Operation(summary = "Indexed state of a document: version, chunk count, roles, deleted flag")
    @APIResponse(responseCode = "200", description = "the document is (or was, if deleted) indexed")
    @APIResponse(responseCode = "404", description = "no change of this document was ever indexed")
    @APIResponse(responseCode = "503", description = "Weaviate is unavailable")
    public Response document(@PathParam("docId") String docId) {
        try {
            return index.document(docId)
                    .map(d -> Response.ok(new DocumentStatus(d.docId(), d.version(), d.deleted(), d.title(),
                            d.allowedRoles(), d.chunkCount(), d.tokenCount(), d.contentHash(), d.updatedAt())).build())
                    .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "document '" + docId + "' is not in the index")
                            .toResponse());
        } catch (IndexUnavailableException e) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "the index is unavailable: " + e.getMessage()).toResponse();
        }
    }
}
