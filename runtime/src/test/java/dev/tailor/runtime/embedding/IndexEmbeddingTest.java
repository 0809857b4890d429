package dev.tailor.runtime.embedding;

import dev.tailor.contracts.IndexModel;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexEmbeddingTest {

    @Test
    void embedsInOrderWithTheDimensionTheIndexRecords() {
        try (var embedding = new IndexEmbedding(IndexEmbedding.DEFAULT_MODEL, 2, "test")) {
            List<float[]> vectors = embedding.embedAll(List.of("payroll runs monthly", "the robot docks to charge"));
            assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(v).hasSize(384));
            assertThat(embedding.embed("payroll runs monthly")).containsExactly(vectors.get(0));
            assertThat(embedding.embedAll(List.of("the robot docks to charge")).get(0)).containsExactly(vectors.get(1));
            assertThat(embedding.embedAll(List.of())).isEmpty();
        }
    }

    @Test
    void isTheLangchain4jQuantizedMiniLmForTextsWithinItsStockWindow() {
        var stock = new AllMiniLmL6V2QuantizedEmbeddingModel(Executors.newSingleThreadExecutor());
        try (var embedding = new IndexEmbedding(IndexEmbedding.DEFAULT_MODEL, 1, "test")) {
            String question = "When does Project Falcon launch?";
            assertThat(cosine(embedding.embed(question), stock.embed(question).content().vector())).isGreaterThan(0.9999);
        }
    }

    @Test
    void aChunkVectorCoversTheTextBeyondTheStock128WordPieces() {
        // ~155 word pieces ("word3" is two): the stock tokenizer would drop everything after the 126th
        String head = IntStream.range(0, 70).mapToObj(i -> "word" + (i % 7)).collect(Collectors.joining(" "));
        try (var embedding = new IndexEmbedding(IndexEmbedding.DEFAULT_MODEL, 1, "test")) {
            float[] a = embedding.embed(head + " the payroll is processed by the finance team every month");
            float[] b = embedding.embed(head + " the robot arm is calibrated by engineering every week");
            assertThat(cosine(a, b)).isLessThan(0.999);
        }
    }

    @Test
    void widensTheTokenizerTruncationOnly() {
        String json = "{\"truncation\": {\"direction\": \"Right\", \"max_length\": 128}, \"padding\": {\"max_length\": 128}}";
        assertThat(IndexEmbedding.withTruncation(json, 256))
                .isEqualTo("{\"truncation\": {\"direction\": \"Right\", \"max_length\": 256}, \"padding\": {\"max_length\": 128}}");
        assertThatThrownBy(() -> IndexEmbedding.withTruncation("{}", 256)).hasMessageContaining("no truncation setting");
    }

    @Test
    void recordsItsWindowInTheModelName() {
        assertThat(IndexEmbedding.DEFAULT_MODEL).isEqualTo(new IndexModel("all-minilm-l6-v2-q-256", 384));
    }

    @Test
    void refusesVectorsOfAnotherSizeThanConfigured() {
        try (var embedding = new IndexEmbedding(new IndexModel("all-minilm-l6-v2-q-256", 768), 1, "test")) {
            assertThatThrownBy(() -> embedding.embed("anything")).hasMessageContaining("384 dimensions");
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
