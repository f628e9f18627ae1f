package dev.sluice.bench.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples a process's {@link ProcStats} every 10 ms while it lives. For a process that exits by
 * itself (pg_recvlogical at its end position) the last sample is at most 10 ms old; the JVM
 * children are read once more, exactly, while they wait to be released.
 */
final class ProcessWatch {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long pid;
    private final Thread thread;
    private volatile ProcStats last = new ProcStats(0, 0);
    private volatile boolean running = true;

    ProcessWatch(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::watch, "bench-watch-" + pid);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void watch() {
        while (running && sample()) {
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }

    /** Takes a sample now; false once the process is gone. */
    boolean sample() {
        return ProcStats.read(pid).map(stats -> {
            last = stats;
            return true;
        }).orElse(false);
    }

    /** Stops sampling and returns the last sample. */
    ProcStats stop() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return last;
    }
}
