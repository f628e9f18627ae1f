package dev.sluice.bench.child;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts a contender's events until the expected number has arrived (or been acknowledged), and
 * times the drain from the first to the last. Every contender reports through one of these, so
 * that "events/s" means the same for all of them. A drain whose count is not known beforehand (an
 * incremental snapshot of a table that is being written to) is {@link #UNKNOWN open-ended}: it ends
 * when the contender says so ({@link #finish()}), at its last event.
 *
 * <p>With latency on, each event after the first {@code skip} (the warm-up) also records the time
 * from its commit to now. The first {@code untimed} events are counted but not timed: the drain is
 * timed from the next one, and reports only the timed ones. Thread-safe: events arrive on whatever thread the contender acks on.
 */
public final class DrainMeter {

    /** The expected count of an open-ended drain. */
    public static final long UNKNOWN = Long.MAX_VALUE;

    private final long expected;
    private final long skip;
    private final boolean latency;
    private final long untimed;
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LatencyRecorder latencies = new LatencyRecorder();
    private volatile long firstNanos;
    private volatile long lastNanos;
    /** The latest event's time, kept for an open-ended drain only. */
    private final AtomicLong latestNanos = new AtomicLong();

    public DrainMeter(long expected, long skip, boolean latency) {
        this(expected, skip, latency, 0);
    }

    public DrainMeter(long expected, long skip, boolean latency, long untimed) {
        if (untimed < 0 || expected != UNKNOWN && untimed >= expected) {
            throw new IllegalArgumentException("untimed events " + untimed + " must be fewer than the " + expected + " expected");
        }
        this.expected = expected;
        this.skip = skip;
        this.latency = latency;
        this.untimed = untimed;
    }

    /** True when {@link #event(long)} wants the commit time (parsing it costs, so only then). */
    public boolean wantsLatency() {
        return latency;
    }

    /** One event done; {@code commitEpochMillis} is used only when latency is on. */
    public void event(long commitEpochMillis) {
        long now = System.nanoTime();
        long n = count.incrementAndGet();
        if (n == untimed + 1) {
            firstNanos = now;
        }
        if (expected == UNKNOWN) {
            latestNanos.accumulateAndGet(now, Math::max);
        }
        if (latency && n > skip) {
            latencies.record(nowMicros() - commitEpochMillis * 1000);
        }
        if (n == expected) {
            lastNanos = now;
            done.countDown();
        }
    }

    /** A contender that knows its count only at the end (COPY): records it all at once. */
    public void bulk(long events, long startNanos, long endNanos) {
        count.set(events);
        firstNanos = startNanos;
        lastNanos = endNanos;
        done.countDown();
    }

    /** An open-ended drain is over: it ends at its last event (or, with none, is empty). */
    public void finish() {
        lastNanos = latestNanos.get();
        done.countDown();
    }

    public void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        done.countDown();
    }

    /** Waits for the last event or a failure; false on timeout. */
    public boolean await(long timeoutSeconds) throws InterruptedException {
        return done.await(timeoutSeconds, TimeUnit.SECONDS);
    }

    public Throwable failure() {
        return failure.get();
    }

    public long count() {
        return count.get();
    }

    /**
     * The events timed: from the first after the untimed ones to the expected last (a contender
     * stopped part-way keeps counting until its process halts; those are not in the time).
     */
    public long timedCount() {
        return Math.max(0, Math.min(count.get(), expected) - untimed);
    }

    public double seconds() {
        return (lastNanos - firstNanos) / 1e9;
    }

    public LatencyRecorder.LatencySummary latency() {
        return latencies.summary();
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
