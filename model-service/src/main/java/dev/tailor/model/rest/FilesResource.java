package dev.tailor.model.rest;

import dev.tailor.model.config.ModelServiceConfig;
import dev.tailor.model.files.FileStore;
import dev.tailor.model.files.StoredFile;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/files}: upload training files, read them and the result files of jobs (OpenAI's shapes). */
@Path("/v1/files")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "files")
public class FilesResource {

    static final Set<String> UPLOAD_PURPOSES = Set.of(StoredFile.FINE_TUNE);

    private final FileStore files;
    private final ModelServiceConfig config;

    FilesResource(FileStore files, ModelServiceConfig config) {
        this.files = files;
        this.config = config;
    }

    /** OpenAI's answer to a delete. */
    public record Deleted(String id, String object, boolean deleted) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a file (purpose fine-tune: chat JSONL)")
    public StoredFile upload(@RestForm("file") FileUpload file, @RestForm("purpose") String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidRequestException("purpose", "purpose is required (fine-tune)");
        }
        if (!UPLOAD_PURPOSES.contains(purpose)) {
            throw new InvalidRequestException("purpose", "purpose '" + purpose + "' is not supported; use fine-tune");
        }
        if (file == null) {
            throw new InvalidRequestException("file", "a file part is required");
        }
        if (file.size() > config.training().maxFileBytes()) {
            throw new InvalidRequestException("file", "the file has " + file.size() + " bytes; at most "
                    + config.training().maxFileBytes() + " are accepted");
        }
        try {
            var scratch = files.scratch();
            Files.copy(file.uploadedFile(), scratch, StandardCopyOption.REPLACE_EXISTING);
            String name = file.fileName() == null || file.fileName().isBlank() ? "upload.jsonl" : file.fileName();
            return files.add(scratch, name, purpose);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the upload", e);
        }
    }

    @GET
    @Operation(summary = "The files, newest first")
    public ListPage<StoredFile> list(@QueryParam("purpose") String purpose) {
        return ListPage.of(files.list(Optional.ofNullable(purpose).filter(p -> !p.isBlank())));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One file's metadata")
    public StoredFile get(@PathParam("id") String id) {
        return find(id);
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "One file's content")
    public Response content(@PathParam("id") String id) {
        StoredFile file = find(id);
        return Response.ok(files.content(file).toFile(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + file.filename().replace("\"", "") + "\"")
                .build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a file")
    public Deleted delete(@PathParam("id") String id) {
        if (!files.delete(id)) {
            throw notFound(id);
        }
        return new Deleted(id, "file", true);
    }

    private StoredFile find(String id) {
        return files.find(id).orElseThrow(() -> notFound(id));
    }

    private static RuntimeException notFound(String id) {
        return new NoSuchFileException(id);
    }

    /** No file has this id. */
    public static class NoSuchFileException extends RuntimeException {
        NoSuchFileException(String id) {
            super("No such File object: " + id);
        }
    }
}
