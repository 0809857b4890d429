package dev.tailor.finetune.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetTest {

    @Test
    void theStructureGeneratorAsksAboutEachHeading() {
        var pairs = new StructureQaGenerator().generate(List.of(
                new SnapshotChunk("d1", 0, "Travel policy", "## Hotels\nBook hotels under 150 EUR a night."),
                new SnapshotChunk("d1", 1, "Travel policy", "Trains are preferred. Flights need approval.")));
        assertThat(pairs).extracting(QaPair::question).containsExactly(
                "What does Travel policy say about Hotels?", "What does Travel policy say about Trains are preferred?");
        assertThat(pairs.get(0).answer()).isEqualTo("Book hotels under 150 EUR a night.");
        assertThat(pairs.get(1).answer()).isEqualTo("Trains are preferred. Flights need approval.");
    }

    @Test
    void duplicatesAreRemovedAndTheSplitIsReproducible() {
        List<QaPair> pairs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pairs.add(new QaPair("Question number " + i + "?", "Answer " + i, "d"));
        }
        pairs.add(new QaPair("question NUMBER 7", "dup", "d"));
        var unique = DatasetWriter.deduplicate(pairs);
        assertThat(unique).hasSize(100);
        var split = DatasetWriter.split(unique, 0.2);
        assertThat(split.get(0).size() + split.get(1).size()).isEqualTo(100);
        assertThat(split.get(1).size()).isBetween(8, 35);
        assertThat(DatasetWriter.split(unique, 0.2)).isEqualTo(split);
    }

    @Test
    void twoPairsAlwaysGiveOneToEachSide() {
        var split = DatasetWriter.split(List.of(new QaPair("a?", "1", "d"), new QaPair("b?", "2", "d")), 0.0);
        assertThat(split.get(0)).hasSize(1);
        assertThat(split.get(1)).hasSize(1);
    }

    @Test
    void writesChatFormatJsonlAndAManifestThatReadBack(@TempDir Path dir) throws Exception {
        var train = List.of(new QaPair("What is X?", "X is Y.", "d"));
        var eval = List.of(new QaPair("What is Z?", "Z is W.", "d"));
        var ds = DatasetWriter.write(dir.resolve("job"), "system text", train, eval, Map.of("groupId", "g-x"));
        assertThat(Files.readString(ds.trainFile())).isEqualTo(
                "{\"messages\":[{\"role\":\"system\",\"content\":\"system text\"},{\"role\":\"user\",\"content\":\"What is X?\"},"
                        + "{\"role\":\"assistant\",\"content\":\"X is Y.\"}]}\n".replace("{\"role\"", "{\"role\""));
        assertThat(DatasetWriter.readPairs(ds.evalFile())).extracting(QaPair::question, QaPair::answer)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("What is Z?", "Z is W."));
        String manifest = Files.readString(ds.dir().resolve("manifest.json"));
        assertThat(manifest).contains("\"groupId\" : \"g-x\"", "\"trainExamples\" : 1", "\"evalExamples\" : 1");
    }
}
