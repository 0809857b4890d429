package dev.tailor.ingest.index;

import dev.tailor.ingest.chunking.Chunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkPlanTest {

    private static Chunk chunk(int index, String text) {
        return new Chunk(index, text, "h-" + text, 1);
    }

    private static IndexedChunk indexed(int index, String text) {
        return new IndexedChunk(index, "h-" + text, new float[] {index});
    }

    @Test
    void aNewDocumentEmbedsAndWritesEveryChunkOnce() {
        var plan = ChunkPlan.of(List.of(chunk(0, "a"), chunk(1, "b"), chunk(2, "a")), List.of(), true);

        assertThat(plan.toEmbed()).extracting(Chunk::text).containsExactly("a", "b");
        assertThat(plan.toWrite()).hasSize(3);
        assertThat(plan.embedded()).isEqualTo(3);
        assertThat(plan.reused()).isZero();
        assertThat(plan.staleFrom()).isEqualTo(-1);
    }

    @Test
    void anEditEmbedsAndWritesOnlyTheChangedChunk() {
        var plan = ChunkPlan.of(List.of(chunk(0, "a"), chunk(1, "B"), chunk(2, "c")),
                List.of(indexed(0, "a"), indexed(1, "b"), indexed(2, "c")), false);

        assertThat(plan.toEmbed()).extracting(Chunk::text).containsExactly("B");
        assertThat(plan.toWrite()).extracting(Chunk::index).containsExactly(1);
        assertThat(plan.reused()).isEqualTo(2);
    }

    @Test
    void aMoveReusesVectorsAndRewritesTheMovedPositions() {
        var plan = ChunkPlan.of(List.of(chunk(0, "b"), chunk(1, "a"), chunk(2, "c")),
                List.of(indexed(0, "a"), indexed(1, "b"), indexed(2, "c")), false);

        assertThat(plan.toEmbed()).isEmpty();
        assertThat(plan.toWrite()).extracting(Chunk::index).containsExactly(0, 1);
        assertThat(plan.knownVectors().get("h-a")).containsExactly(0f);
    }

    @Test
    void aPropertyChangeRewritesEveryChunkButEmbedsNothing() {
        var plan = ChunkPlan.of(List.of(chunk(0, "a"), chunk(1, "b")),
                List.of(indexed(0, "a"), indexed(1, "b")), true);

        assertThat(plan.toEmbed()).isEmpty();
        assertThat(plan.toWrite()).hasSize(2);
        assertThat(plan.reused()).isEqualTo(2);
    }

    @Test
    void aShorterDocumentDeletesTheChunksBeyondItsEnd() {
        List<IndexedChunk> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(indexed(i, "t" + i));
        }
        var plan = ChunkPlan.of(List.of(chunk(0, "t0"), chunk(1, "t1")), four, false);

        assertThat(plan.staleFrom()).isEqualTo(2);
        assertThat(plan.toWrite()).isEmpty();
    }
}
