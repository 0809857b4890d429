package dev.tailor.ingest.events;

import dev.tailor.ingest.index.DocumentChange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits the changes of one poll into waves that can each be applied as one batch: wave {@code k} holds the
 * {@code k}-th change of every document, so a wave never holds two changes of one document and the changes of a
 * document are applied in the order Kafka delivered them (one partition per document key). Almost every poll is
 * a single wave; a document edited twice within one poll makes a second.
 */
public final class ChangeWaves {

    private ChangeWaves() {
    }

    public static List<List<DocumentChange>> of(List<DocumentChange> changes) {
        List<List<DocumentChange>> waves = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (DocumentChange change : changes) {
            int wave = seen.merge(change.docId(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(change);
        }
        return waves;
    }
}
