package dev.sluice.bench.child;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankOverAllSamples() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1000; i >= 1; i--) {
            recorder.record(i);
        }
        LatencyRecorder.LatencySummary summary = recorder.summary();
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50Micros()).isEqualTo(500);
        assertThat(summary.p99Micros()).isEqualTo(990);
        assertThat(summary.maxMicros()).isEqualTo(1000);
    }

    @Test
    void aSingleSlowEventIsTheMaximumButNotTheP99OfAHundredAndOne() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 0; i < 100; i++) {
            recorder.record(5_000);
        }
        recorder.record(2_000_000);
        assertThat(recorder.summary().p99Micros()).isEqualTo(5_000);
        assertThat(recorder.summary().maxMicros()).isEqualTo(2_000_000);
    }

    @Test
    void noSamplesGiveAnEmptySummary() {
        assertThat(new LatencyRecorder().summary()).isEqualTo(LatencyRecorder.LatencySummary.EMPTY);
    }

    @Test
    void percentileOfOneSampleIsThatSample() {
        assertThat(LatencyRecorder.percentile(new long[] {42}, 99)).isEqualTo(42);
        assertThat(LatencyRecorder.percentile(new long[] {42}, 50)).isEqualTo(42);
    }
}
