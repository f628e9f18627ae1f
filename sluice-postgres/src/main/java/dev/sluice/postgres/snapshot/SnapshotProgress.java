package dev.sluice.postgres.snapshot;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial snapshot's progress: rows done of the catalog's estimate, rate, ETA, chunks and
 * tables left. On a terminal it redraws a progress bar on stderr; otherwise it logs a line every
 * ten seconds. Updated and reported from the source's thread.
 */
public final class SnapshotProgress {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotProgress.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long DRAW_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final int BAR_WIDTH = 30;

    private final long estimatedRows;
    private final int chunks;
    private final int tables;
    private final PrintStream terminal;
    private final long started = System.nanoTime();
    // Volatile: the metrics endpoint reads them from another thread.
    private volatile long rows;
    private volatile int chunksDone;
    private volatile int tablesDone;
    private long lastReport = started;

    /** {@code terminal}: where to draw a bar, or null to log lines. */
    public SnapshotProgress(long estimatedRows, int chunks, int tables, PrintStream terminal) {
        this.estimatedRows = Math.max(1, estimatedRows);
        this.chunks = chunks;
        this.tables = tables;
        this.terminal = terminal;
    }

    /** A bar on stderr when Sluice runs on a terminal, log lines otherwise. */
    public static PrintStream terminalOrNull() {
        return System.console() != null ? System.err : null;
    }

    public void rows(long count) {
        rows += count;
    }

    public void chunkRead(boolean lastOfTable) {
        chunksDone++;
        if (lastOfTable) {
            tablesDone++;
        }
    }

    public long rows() {
        return rows;
    }

    public int chunksDone() {
        return chunksDone;
    }

    public long estimatedRows() {
        return estimatedRows;
    }

    public int chunks() {
        return chunks;
    }

    public int tablesLeft() {
        return tables - tablesDone;
    }

    /** Reports if it is time to. */
    public void report() {
        long now = System.nanoTime();
        if (now - lastReport < (terminal != null ? DRAW_EVERY_NANOS : LOG_EVERY_NANOS)) {
            return;
        }
        lastReport = now;
        if (terminal != null) {
            terminal.print("\r" + bar() + " " + line(now));
            terminal.flush();
        } else {
            LOG.info("snapshot: {}", line(now));
        }
    }

    /** Ends the bar's line on a terminal. */
    public void finish() {
        if (terminal != null) {
            terminal.println("\r" + bar() + " " + line(System.nanoTime()));
        }
    }

    String line(long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = rows / seconds;
        long left = Math.max(0, estimatedRows - rows);
        String eta = rate < 1 ? "?" : formatDuration((long) (left / rate));
        return String.format(Locale.ROOT, "%,d of ~%,d rows (%d%%), %,.0f rows/s, ETA %s, chunks %d/%d, tables left %d",
                rows, estimatedRows, Math.min(100, rows * 100 / estimatedRows), rate, eta, chunksDone, chunks, tablesLeft());
    }

    private String bar() {
        int filled = (int) Math.min(BAR_WIDTH, rows * BAR_WIDTH / estimatedRows);
        return "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "]";
    }

    private static String formatDuration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
