package dev.tailor.contracts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexEmbeddingTest {

    @Test
    void embedsInOrderWithTheDimensionTheIndexRecords() {
        try (var embedding = new IndexEmbedding(IndexEmbedding.DEFAULT_MODEL, 2, "test")) {
            List<float[]> vectors = embedding.embedAll(List.of("payroll runs monthly", "the robot docks to charge"));
            assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(384));
            assertThat(embedding.embed("payroll runs monthly")).containsExactly(vectors.get(0));
            assertThat(embedding.embedAll(List.of())).isEmpty();
        }
    }

    @Test
    void refusesVectorsOfAnotherSizeThanConfigured() {
        try (var embedding = new IndexEmbedding(new IndexModel("all-minilm-l6-v2-q", 768), 1, "test")) {
            assertThatThrownBy(() -> embedding.embed("anything")).hasMessageContaining("384 dimensions");
        }
    }
}
