package dev.sluice.bench.child;

import dev.sluice.postgres.snapshot.SnapshotState;
import dev.sluice.postgres.snapshot.SnapshotStateStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends an incremental snapshot's drain when Sluice's snapshot progress file ({@code <slot>.snapshot})
 * says so: a request was taken ({@code last-request} above 0, the file of a new slot starts at 0)
 * and no job is left. How many rows the snapshot reads is not known beforehand: the table is being
 * written to while it runs.
 *
 * <p>Sluice saves that file once the sink acknowledged the last chunk, so every read was
 * acknowledged by then; the meter hears of each acknowledgement a moment after Sluice does, so the
 * drain ends once its count has stood still for {@link #SETTLE_NANOS}. The drain's time is taken
 * from its first read to its last, so this wait is not measured.
 */
final class SnapshotCompletion {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private SnapshotCompletion() {
    }

    /** Watches {@code store} on a daemon thread until the snapshot is done, then finishes (or fails) the meter. */
    static void watch(SnapshotStateStore store, DrainMeter meter) {
        Thread thread = new Thread(() -> {
            try {
                long request = awaitDone(store);
                settle(meter);
                if (meter.count() == 0) {
                    meter.fail(new IllegalStateException("Sluice finished snapshot request " + request + " without reading"
                            + " a row (" + store + "); its log says why (was the table captured?)"));
                } else {
                    meter.finish();
                }
            } catch (RuntimeException e) {
                meter.fail(e);
            }
        }, "bench-snapshot-completion");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until a request was taken and no job is left; returns the request. */
    private static long awaitDone(SnapshotStateStore store) {
        while (true) {
            Optional<SnapshotState> state = store.load();
            if (state.isPresent() && state.get().lastRequest() > 0 && state.get().jobs().isEmpty()) {
                return state.get().lastRequest();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static void settle(DrainMeter meter) {
        long seen;
        do {
            seen = meter.count();
            LockSupport.parkNanos(SETTLE_NANOS);
        } while (meter.count() != seen);
    }
}
