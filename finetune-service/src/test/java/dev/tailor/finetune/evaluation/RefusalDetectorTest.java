package dev.tailor.finetune.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalDetectorTest {

    @Test
    void theWaysModelsAndTailorSayTheyCannotAnswer() {
        assertThat(RefusalDetector.refuses("I could not find it in the documents you may read.")).isTrue();
        assertThat(RefusalDetector.refuses("I found nothing you are allowed to read about this.")).isTrue();
        assertThat(RefusalDetector.refuses("I don't know.")).isTrue();
        assertThat(RefusalDetector.refuses("I don\u2019t have that information.")).isTrue();
        assertThat(RefusalDetector.refuses("The passages do not mention a launch date.")).isTrue();
        assertThat(RefusalDetector.refuses("That is not in the documents provided.")).isTrue();
        assertThat(RefusalDetector.refuses("There is no information about Falcon.")).isTrue();
    }

    @Test
    void anAnswerIsNotARefusal() {
        assertThat(RefusalDetector.refuses("Project Falcon launches on 2027-03-15 [1].")).isFalse();
        assertThat(RefusalDetector.refuses("The on-call rotation changes every Monday.")).isFalse();
        assertThat(RefusalDetector.refuses("")).isFalse();
        assertThat(RefusalDetector.refuses(null)).isFalse();
    }
}
