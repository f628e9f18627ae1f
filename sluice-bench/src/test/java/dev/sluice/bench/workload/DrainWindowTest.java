package dev.sluice.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DrainWindowTest {

    private final DrainWindow window = new DrainWindow(300_000, 500_000);

    @Test
    void aLargerWorkloadIsReadToTheStopAndTimedAfterTheWarmUp() {
        assertThat(window.whole(2_000_000)).isFalse();
        assertThat(window.read(2_000_000)).isEqualTo(500_000);
        assertThat(window.untimed(2_000_000)).isEqualTo(300_000);
        assertThat(window.describe("rows")).isEqualTo("stop after 500,000 rows and are timed from row 300,001");
    }

    @Test
    void aWorkloadNoLargerThanTheStopIsReadAndTimedWhole() {
        assertThat(window.whole(100_000)).isTrue();
        assertThat(window.read(100_000)).isEqualTo(100_000);
        assertThat(window.untimed(100_000)).isZero();
        assertThat(window.read(500_000)).isEqualTo(500_000);
        assertThat(window.untimed(500_000)).isZero();
        assertThat(DrainWindow.ALL.whole(Long.MAX_VALUE - 1)).isTrue();
        assertThat(DrainWindow.ALL.untimed(2_000_000)).isZero();
    }

    @Test
    void aWindowThatTimesNothingIsRefused() {
        assertThatThrownBy(() -> new DrainWindow(500_000, 500_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DrainWindow(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
