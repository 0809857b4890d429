package dev.tailor.finetune.dataset;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class PairFilterTest {

    static final SnapshotChunk CHUNK = new SnapshotChunk("eng-falcon", 2, "Falcon", "## Launch date\nProject Falcon "
            + "launches on 2027-03-15. The launch was confirmed by the steering committee chaired by Tomasz Lindqvist.");
    static final PairFilter.Thresholds T = new PairFilter.Thresholds(300, 400, 0.6, 0.3, 0.97);

    /** A stand-in embedding: texts listed embed to the given vector, the rest to one shared direction. */
    static Function<List<String>, List<float[]>> embedding(Map<String, float[]> vectors) {
        return texts -> {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                out.add(vectors.getOrDefault(t, new float[]{1, 0, 0}));
            }
            return out;
        };
    }

    static PairFilter.Candidate pair(String q, String a) {
        return new PairFilter.Candidate(q, a, CHUNK);
    }

    @Test
    void aQuestionAnsweredFromItsChunkIsKept() {
        var outcome = PairFilter.apply(List.of(pair("When does Project Falcon launch?", "On 2027-03-15.")), T,
                embedding(Map.of()));
        assertThat(outcome.kept()).hasSize(1);
        assertThat(outcome.dropped()).isEmpty();
    }

    @Test
    void emptyOverlongAndGarbledPairsAreDroppedWithTheirReason() {
        var outcome = PairFilter.apply(List.of(
                pair(" ", "2027-03-15"),
                pair("When does it launch?" + " really".repeat(60), "2027-03-15"),
                pair("Who chairs the committee?", "the company of the company of the company of the company"),
                pair("When does Project Falcon launch", "2027-03-15"),
                pair("What is launched?", "What is launched?"),
                pair("Which %%%% ### $$$ ***?", "2027-03-15")), T, embedding(Map.of()));

        assertThat(outcome.kept()).isEmpty();
        assertThat(outcome.dropped()).extracting(PairFilter.Dropped::reason).containsExactly(PairFilter.Drop.EMPTY,
                PairFilter.Drop.OVERLONG, PairFilter.Drop.GARBLED, PairFilter.Drop.GARBLED, PairFilter.Drop.GARBLED,
                PairFilter.Drop.GARBLED);
    }

    @Test
    void anAnswerItsChunkDoesNotSupportIsDropped() {
        var words = PairFilter.apply(List.of(pair("When does Falcon launch?", "In the autumn of 2031 in Paris.")), T,
                embedding(Map.of()));
        assertThat(words.dropped()).extracting(PairFilter.Dropped::reason).containsExactly(PairFilter.Drop.UNSUPPORTED);

        // the words are in the chunk, but the meaning is far from it
        String answer = "Tomasz Lindqvist";
        var meaning = PairFilter.apply(List.of(pair("Who chairs the committee?", answer)), T,
                embedding(Map.of(answer, new float[]{0, 1, 0})));
        assertThat(meaning.dropped()).extracting(PairFilter.Dropped::reason).containsExactly(PairFilter.Drop.UNSUPPORTED);
    }

    @Test
    void aNearDuplicateQuestionIsDroppedAndARephrasingIsKept() {
        String first = "When does Project Falcon launch?";
        String same = "When does Project Falcon launch ?";
        String other = "On which date is Falcon released?";
        var outcome = PairFilter.apply(List.of(pair(first, "2027-03-15"), pair(same, "2027-03-15"), pair(other, "2027-03-15")),
                T, embedding(Map.of(first, new float[]{1, 1, 0}, same, new float[]{1, 1, 0}, other, new float[]{1, 0.5f, 0.5f})));

        assertThat(outcome.kept()).extracting(PairFilter.Candidate::question).containsExactly(first, other);
        assertThat(outcome.dropped()).extracting(PairFilter.Dropped::reason).containsExactly(PairFilter.Drop.NEAR_DUPLICATE);
    }

    @Test
    void overlapCountsContentWordsAndNumbers() {
        assertThat(PairFilter.overlap("Tomasz Lindqvist, the CTO", CHUNK.text())).isEqualTo(2 / 3.0);
        assertThat(PairFilter.overlap("2027-03-15", CHUNK.text())).isEqualTo(1.0);
        assertThat(PairFilter.overlap("the and of", CHUNK.text())).isZero();
    }
}
