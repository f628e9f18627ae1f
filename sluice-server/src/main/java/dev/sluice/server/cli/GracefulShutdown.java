package dev.sluice.server.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and Ctrl-C into a clean stop that exits with the command's own status (0 when it
 * stopped cleanly). A plain shutdown hook cannot do that: the JVM reports 128+signal for a
 * signal-initiated exit however cleanly the hooks finished, and {@code System.exit} from the main
 * thread blocks while hooks run. So the hook asks the command to stop, waits until {@link #exit}
 * hands it the final status, and halts with that status.
 *
 * <p>One instance per process; {@link #exit} must be the last thing {@code main} does.
 */
final class GracefulShutdown {

    private final Duration grace;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile int status;
    private volatile boolean signalled;
    private Thread hook;

    GracefulShutdown(Duration grace) {
        this.grace = grace;
    }

    /** From now until {@link #disarm()}, a signal calls {@code stop} and exits with the final status. */
    synchronized void arm(Runnable stop) {
        disarm();
        hook = new Thread(() -> onSignal(stop), "sluice-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Signals take their default effect again; a no-op once shutdown has begun. */
    synchronized void disarm() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the hook is running or about to; it needs the status from exit()
        }
        hook = null;
    }

    /** Ends the process with {@code status}, or hands it to the running hook if a signal came. */
    void exit(int status) {
        this.status = status;
        exited.countDown();
        if (!signalled) {
            System.exit(status);
        }
    }

    private void onSignal(Runnable stop) {
        signalled = true;
        PrintStream err = System.err;
        try {
            stop.run();
            if (!exited.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("sluice: did not stop within " + grace.toSeconds() + "s of the signal; exiting anyway");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            err.println("sluice: stopping failed: " + e);
            return;
        }
        System.out.flush();
        err.flush();
        Runtime.getRuntime().halt(status);
    }
}
