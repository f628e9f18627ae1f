package dev.sluice.core.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * Commit-to-acknowledgement latency of delivered changes, in fixed millisecond buckets (the shape
 * of a Prometheus histogram: cumulative counts per upper bound, plus count and sum). Recording is
 * a few adds on striped counters, cheap enough for every record on the sink's ack threads; read
 * from any thread.
 */
public final class LatencyHistogram {

    /** Upper bounds in milliseconds; a last, unbounded bucket follows. */
    private static final long[] BOUNDS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumMillis = new LongAdder();

    public LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    /** Records one latency; negative values (clock skew between server and Sluice) count as 0. */
    public void record(long millis) {
        long value = Math.max(0, millis);
        int i = 0;
        while (i < BOUNDS.length && value > BOUNDS[i]) {
            i++;
        }
        buckets[i].increment();
        sumMillis.add(value);
    }

    /** The bucket upper bounds in milliseconds, without the last (infinite) one. */
    public static long[] boundsMillis() {
        return BOUNDS.clone();
    }

    /** Cumulative counts: element i counts latencies ≤ bound i; the last element counts all. */
    public long[] cumulativeCounts() {
        long[] counts = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            counts[i] = running;
        }
        return counts;
    }

    public long count() {
        long total = 0;
        for (LongAdder bucket : buckets) {
            total += bucket.sum();
        }
        return total;
    }

    public long sumMillis() {
        return sumMillis.sum();
    }
}
