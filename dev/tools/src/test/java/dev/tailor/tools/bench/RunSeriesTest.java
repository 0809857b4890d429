package dev.tailor.tools.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunSeriesTest {

    @Test
    void anOddNumberOfRunsIsDescribedByItsMiddleRunAndItsExtremes() {
        assertThat(RunSeries.describe(List.of(0.96, 0.84, 0.91, 0.93, 0.88))).isEqualTo("median 0.91 (range 0.84–0.96, 5 runs)");
    }

    @Test
    void anEvenNumberOfRunsTakesTheMeanOfTheTwoMiddleRuns() {
        assertThat(RunSeries.describe(List.of(1.0, 0.8, 0.88, 0.92))).isEqualTo("median 0.90 (range 0.80–1.00, 4 runs)");
    }

    @Test
    void oneRunIsItsOwnMedianAndNoRunsSaySo() {
        assertThat(RunSeries.describe(List.of(0.5))).isEqualTo("median 0.50 (range 0.50–0.50, 1 run)");
        assertThat(RunSeries.describe(List.of())).isEqualTo("no runs");
    }
}
