package dev.sluice.server.cli;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes one {@link DemoShop} change per period for the demo's duration on its own thread, so the
 * demo's main thread is free to print events while changes keep coming. Stops at the first failed
 * write and keeps the failure for the demo to report.
 */
final class DemoWriter {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "demo-writer"));
    private final AtomicReference<SQLException> failure = new AtomicReference<>();
    private volatile boolean done;
    private volatile long doneAtNanos;

    DemoWriter(DemoShop shop, Duration duration, Duration period) {
        long end = System.nanoTime() + duration.toNanos();
        scheduler.scheduleAtFixedRate(() -> {
            if (done) {
                return;
            }
            try {
                shop.writeOne();
            } catch (SQLException e) {
                failure.set(e);
            }
            if (failure.get() != null || System.nanoTime() - end >= 0) {
                doneAtNanos = System.nanoTime();
                done = true;
                scheduler.shutdown();
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the writing time is over (or a write failed). */
    boolean done() {
        return done;
    }

    /** When the last write was made, in {@link System#nanoTime()}; valid once {@link #done()}. */
    long doneAtNanos() {
        return doneAtNanos;
    }

    boolean failed() {
        return failure.get() != null;
    }

    /** Stops writing (interrupting a write in progress) and waits for the thread to end. */
    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Throws if a write failed. */
    void rethrowFailure() {
        SQLException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing the demo's changes failed: " + e.getMessage(), e);
        }
    }
}
