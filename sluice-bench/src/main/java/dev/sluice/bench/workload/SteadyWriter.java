package dev.sluice.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Writes at a fixed rate for the latency and incremental workloads: 100 transactions a second, each a tick of
 * inserts, updates of the previous tick's rows and deletes of the rows two ticks back (50 / 30 / 20,
 * like the stream mix). Ticks are scheduled on absolute times, so a slow commit delays the next
 * tick but not the rate. Ids start at {@code idBase + 1}, so runs never collide.
 */
final class SteadyWriter {

    static final int TICKS_PER_SECOND = 100;

    private final TableShape shape;
    private final Plan plan;

    SteadyWriter(TableShape shape, Plan plan) {
        this.shape = shape;
        this.plan = plan;
    }

    /** Writes every tick; returns the seconds from the first commit to the last. */
    double run(Connection connection, long idBase) throws SQLException {
        return runUntil(connection, idBase, () -> false).seconds();
    }

    /** Writes ticks until the plan's last or until {@code stop} answers true before a tick, whichever comes first. */
    Written runUntil(Connection connection, long idBase, BooleanSupplier stop) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(shape.insertRangeSql());
                PreparedStatement update = connection.prepareStatement(shape.updateRangeSql());
                PreparedStatement delete = connection.prepareStatement(shape.deleteRangeSql())) {
            long start = System.nanoTime();
            long tickNanos = 1_000_000_000L / TICKS_PER_SECOND;
            int tick = 0;
            for (; tick < plan.ticks() && !stop.getAsBoolean(); tick++) {
                long due = start + tick * tickNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long base = idBase + (long) tick * plan.inserts();
                range(insert, base + 1, base + plan.inserts());
                if (tick >= 1) {
                    long previous = base - plan.inserts();
                    range(update, previous + 1, previous + plan.updates());
                }
                if (tick >= 2) {
                    long older = base - 2L * plan.inserts();
                    range(delete, older + 1, older + plan.deletes());
                }
                connection.commit();
            }
            return new Written(plan.changesIn(tick), (System.nanoTime() - start) / 1e9);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Changes committed, and the seconds from the first commit to the last. */
    record Written(long changes, double seconds) {
    }

    private static void range(PreparedStatement statement, long from, long to) throws SQLException {
        statement.setLong(1, from);
        statement.setLong(2, to);
        statement.executeUpdate();
    }

    /**
     * A rate held for {@code warmupSeconds + seconds}; the warm-up's changes are drained but their
     * latencies not recorded.
     */
    record Plan(int rate, int seconds, int warmupSeconds) {

        Plan {
            if (rate % (TICKS_PER_SECOND * 10) != 0) {
                throw new IllegalArgumentException("rate must be a multiple of " + TICKS_PER_SECOND * 10 + ": " + rate);
            }
        }

        int perTick() {
            return rate / TICKS_PER_SECOND;
        }

        int inserts() {
            return perTick() / 2;
        }

        int updates() {
            return perTick() * 3 / 10;
        }

        int deletes() {
            return perTick() - inserts() - updates();
        }

        int ticks() {
            return (seconds + warmupSeconds) * TICKS_PER_SECOND;
        }

        long totalChanges() {
            return changesIn(ticks());
        }

        long warmupChanges() {
            return changesIn(warmupSeconds * TICKS_PER_SECOND);
        }

        /** Inserts in every tick, updates from the second, deletes from the third. */
        long changesIn(int ticks) {
            return (long) ticks * inserts() + (long) Math.max(0, ticks - 1) * updates() + (long) Math.max(0, ticks - 2) * deletes();
        }
    }
}
