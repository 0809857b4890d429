package dev.tailor.model.serving;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model this service answers as: the base, or the base plus one LoRA adapter.
 *
 * @param created epoch seconds, as OpenAI lists models
 */
public record ServedModel(String id, Optional<Path> adapter, long created) {
}
