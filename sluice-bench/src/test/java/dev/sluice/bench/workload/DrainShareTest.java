package dev.sluice.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DrainShareTest {

    @Test
    void aShareReadsTheFirstPartAndTimesItAfterTheWarmUp() {
        DrainShare share = new DrainShare(30, 10);
        assertThat(share.read(1_000_000)).isEqualTo(300_000);
        assertThat(share.untimed(1_000_000)).isEqualTo(100_000);
        assertThat(share.all()).isFalse();
        assertThat(share.describe(1_000_000, "events")).isEqualTo("stop after 300,000 events and are timed from event 100,001");
    }

    @Test
    void allReadsAndTimesEveryEvent() {
        assertThat(DrainShare.ALL.read(100_000)).isEqualTo(100_000);
        assertThat(DrainShare.ALL.untimed(100_000)).isZero();
        assertThat(DrainShare.ALL.all()).isTrue();
    }

    @Test
    void aShareThatTimesNothingIsRefused() {
        assertThatThrownBy(() -> new DrainShare(10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DrainShare(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DrainShare(101, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
