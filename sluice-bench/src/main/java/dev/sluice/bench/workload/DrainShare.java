package dev.sluice.bench.workload;

import java.util.Locale;

/**
 * How much of a stream a slow contender drains: the first {@code readPercent} of its events, of
 * which the first {@code untimedPercent} are its warm-up, counted but not timed. Debezium's stream
 * contenders take minutes where the others take seconds; since the {@link ChangeMix} writes its mix
 * in small blocks, any stretch past the warm-up is the same work as the whole.
 */
public record DrainShare(int readPercent, int untimedPercent) {

    /** Every event, every one timed. */
    public static final DrainShare ALL = new DrainShare(100, 0);

    public DrainShare {
        if (readPercent <= 0 || readPercent > 100 || untimedPercent < 0 || untimedPercent >= readPercent) {
            throw new IllegalArgumentException("a drain share reads 1..100% of the events and leaves fewer of them untimed: "
                    + readPercent + "%, " + untimedPercent + "% untimed");
        }
    }

    public boolean all() {
        return readPercent == 100 && untimedPercent == 0;
    }

    /** The events read out of {@code total}. */
    public long read(long total) {
        return total * readPercent / 100;
    }

    /** Of those, the ones not timed. */
    public long untimed(long total) {
        return total * untimedPercent / 100;
    }

    /** For the parameters line, e.g. "stop after 300,000 events and are timed from event 100,001". */
    public String describe(long total, String unit) {
        return String.format(Locale.ROOT, "stop after %,d %s and are timed from %s %,d", read(total), unit,
                unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit, untimed(total) + 1);
    }
}
