package dev.sluice.bench.workload;

import java.util.Locale;

/**
 * Where a slow contender's drain stops and where its timing starts: it reads events up to
 * {@code stop} and is timed from event {@code untimed + 1}, the ones before being its warm-up,
 * counted but not timed. A workload no larger than {@code stop} is read whole and timed whole, as
 * every other contender reads it.
 *
 * <p>Debezium's contenders take minutes where the others take seconds, and Debezium speeds up over
 * its first few hundred thousand events (JIT, heap growth); a window past that warm-up measures its
 * rate at a fraction of the time. Where the window lies is a measured choice, not a guess: see
 * {@code Scale#STANDARD}.
 */
public record DrainWindow(long untimed, long stop) {

    /** Every event, every one timed. */
    public static final DrainWindow ALL = new DrainWindow(0, Long.MAX_VALUE);

    public DrainWindow {
        if (untimed < 0 || stop <= untimed) {
            throw new IllegalArgumentException("a drain window times at least one event after its untimed ones: untimed "
                    + untimed + ", stop " + stop);
        }
    }

    /** Whether a workload of {@code total} events is read whole. */
    public boolean whole(long total) {
        return stop >= total;
    }

    /** The events read out of {@code total}. */
    public long read(long total) {
        return Math.min(stop, total);
    }

    /** Of those, the ones not timed. */
    public long untimed(long total) {
        return whole(total) ? 0 : untimed;
    }

    /** For the parameters line, e.g. "stop after 500,000 events and are timed from event 300,001". */
    public String describe(String unit) {
        String one = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        return String.format(Locale.ROOT, "stop after %,d %s and are timed from %s %,d", stop, unit, one, untimed + 1);
    }
}
