package dev.tailor.finetune.dataset;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkSplitTest {

    static List<QaPair> pairs(int chunks, int perChunk) {
        List<QaPair> pairs = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            for (int q = 0; q < perChunk; q++) {
                pairs.add(new QaPair("question " + q + " about " + c + "?", "answer " + c, "doc", "doc#" + c));
            }
        }
        return pairs;
    }

    @Test
    void noChunkIsOnBothSides() {
        var split = ChunkSplit.of(pairs(40, 3), 0.2);
        Set<String> train = new HashSet<>(split.train().stream().map(QaPair::chunk).toList());
        Set<String> eval = new HashSet<>(split.eval().stream().map(QaPair::chunk).toList());

        assertThat(train).doesNotContainAnyElementsOf(eval);
        assertThat(split.train().size() + split.eval().size()).isEqualTo(120);
        assertThat(eval.size()).as("about a fifth of the chunks").isBetween(3, 15);
        assertThat(split.eval()).allSatisfy(p -> assertThat(split.eval().stream().filter(e -> e.chunk().equals(p.chunk())))
                .as("every pair of an evaluation chunk").hasSize(3));
    }

    @Test
    void theSplitIsTheSameInEveryRun() {
        assertThat(ChunkSplit.of(pairs(20, 2), 0.2)).isEqualTo(ChunkSplit.of(pairs(20, 2), 0.2));
    }

    @Test
    void withTwoChunksOrMoreEachSideGetsOne() {
        var none = ChunkSplit.of(pairs(2, 2), 0.0);
        assertThat(none.eval()).hasSize(2);
        assertThat(none.train()).hasSize(2);
        var all = ChunkSplit.of(pairs(2, 2), 1.0);
        assertThat(all.eval()).hasSize(2);
        assertThat(all.train()).hasSize(2);
    }
}
