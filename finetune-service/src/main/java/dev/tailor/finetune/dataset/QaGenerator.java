package dev.tailor.finetune.dataset;

import java.util.List;

/** Turns the chunks of one document into question/answer pairs. */
public interface QaGenerator {

    /** @param chunks the chunks of one document, in order */
    List<QaPair> generate(List<SnapshotChunk> chunks);

    String describe();
}
