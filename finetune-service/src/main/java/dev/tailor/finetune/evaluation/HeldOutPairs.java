package dev.tailor.finetune.evaluation;

import java.nio.file.Path;
import java.util.Optional;

/** Where the held-out pairs of a group's latest trained dataset are (implemented by the job runner's store). */
public interface HeldOutPairs {

    Optional<Path> latestDatasetOf(String groupId);
}
