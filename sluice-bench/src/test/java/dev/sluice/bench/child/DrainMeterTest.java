package dev.sluice.bench.child;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DrainMeterTest {

    @Test
    void untimedEventsAreCountedButNeitherTimedNorReported() throws InterruptedException {
        DrainMeter meter = new DrainMeter(5, 0, false, 2);
        meter.event(0);
        meter.event(0);
        long before = System.nanoTime();
        meter.event(0);
        meter.event(0);
        assertThat(meter.await(0)).as("not done before the fifth event").isFalse();
        meter.event(0);
        long after = System.nanoTime();
        assertThat(meter.await(1)).isTrue();
        assertThat(meter.count()).isEqualTo(5);
        assertThat(meter.timedCount()).isEqualTo(3);
        assertThat(meter.seconds()).isBetween(0.0, (after - before) / 1e9);
        meter.event(0);
        assertThat(meter.timedCount()).as("an event after the last expected is not in the time").isEqualTo(3);
    }

    @Test
    void withoutUntimedEventsEveryEventIsTimedFromTheFirst() throws InterruptedException {
        DrainMeter meter = new DrainMeter(2, 0, false);
        meter.event(0);
        meter.event(0);
        assertThat(meter.await(1)).isTrue();
        assertThat(meter.timedCount()).isEqualTo(2);
    }

    @Test
    void untimedEventsMustLeaveSomethingToTime() {
        assertThatThrownBy(() -> new DrainMeter(5, 0, false, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
