package dev.tailor.model.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tailor.model.config.ModelServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Files in the model store: {@code files/<id>} holds the content, {@code files/<id>.json} what OpenAI says of it.
 * The metadata is written last, so a file whose metadata exists is complete.
 */
@ApplicationScoped
public class FileStore {

    private final Path dir;
    private final ObjectMapper json;

    FileStore(ModelServiceConfig config, ObjectMapper json) {
        this.dir = config.store().resolve("files");
        this.json = json;
    }

    /** Moves {@code content} into the store. */
    public StoredFile add(Path content, String filename, String purpose) {
        String id = "file-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(id);
            Files.move(content, target, StandardCopyOption.REPLACE_EXISTING);
            StoredFile file = StoredFile.of(id, Files.size(target), System.currentTimeMillis() / 1000, filename, purpose);
            json.writeValue(dir.resolve(id + ".json").toFile(), file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store " + filename, e);
        }
    }

    /** Copies {@code content} into the store (for files a job produced and keeps). */
    public StoredFile copy(Path content, String filename, String purpose) {
        try {
            Path tmp = Files.createTempFile(Files.createDirectories(dir), "upload", ".tmp");
            Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            return add(tmp, filename, purpose);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store " + filename, e);
        }
    }

    /** A scratch file in the store's file system, so that {@link #add} is a rename. */
    public Path scratch() {
        try {
            return Files.createTempFile(Files.createDirectories(dir), "upload", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("the model store is not writable: " + dir, e);
        }
    }

    public Optional<StoredFile> find(String id) {
        if (!id.matches("file-[a-z0-9]{1,64}")) {
            return Optional.empty();
        }
        Path meta = dir.resolve(id + ".json");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(meta.toFile(), StoredFile.class));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + meta, e);
        }
    }

    public Path content(StoredFile file) {
        return dir.resolve(file.id());
    }

    /** Newest first. */
    public List<StoredFile> list(Optional<String> purpose) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> find(n.substring(0, n.length() - 5)))
                    .flatMap(Optional::stream)
                    .filter(f -> purpose.map(f.purpose()::equals).orElse(true))
                    .sorted(Comparator.comparingLong(StoredFile::createdAt).reversed().thenComparing(StoredFile::id))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    /** @return whether there was such a file */
    public boolean delete(String id) {
        Optional<StoredFile> file = find(id);
        if (file.isEmpty()) {
            return false;
        }
        try {
            Files.deleteIfExists(dir.resolve(id + ".json"));
            Files.deleteIfExists(dir.resolve(id));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + id, e);
        }
    }
}
