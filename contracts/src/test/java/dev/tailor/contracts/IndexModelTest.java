package dev.tailor.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexModelTest {

    @Test
    void theRecordedModelSurvivesTheRoundTripThroughTheCollectionDescription() {
        IndexModel model = new IndexModel("all-minilm-l6-v2-q", 384);
        assertThat(IndexModel.parseDescription(model.toDescription())).contains(model);
    }

    @Test
    void aDescriptionWithoutAModelRecordsNothing() {
        assertThat(IndexModel.parseDescription("made by hand")).isEmpty();
        assertThat(IndexModel.parseDescription(null)).isEmpty();
    }

    @Test
    void rejectsNamesThatCouldNotBeReadBack() {
        assertThatThrownBy(() -> new IndexModel("two words", 384)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IndexModel("m", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
