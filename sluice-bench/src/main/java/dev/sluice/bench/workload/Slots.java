package dev.sluice.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Publications and replication slots for the contenders. Every contender reads its own slot, so
 * that each one drains the same changes from the same position. The publication exists before any
 * change is written: pgoutput reads publications as of each change's position in the WAL.
 */
final class Slots {

    static final String PUBLICATION = "bench";

    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);

    private Slots() {
    }

    static void createPublication(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + table);
        }
    }

    static void create(Connection connection, String slot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
            statement.setString(1, slot);
            statement.execute();
        }
    }

    /** The slot name for a contender in one run: letters, digits and underscores only. */
    static String name(String run, String contender) {
        return (run + "_" + contender).replaceAll("[^a-zA-Z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
    }

    /** Drops the slot once its last reader has let go (a child that just exited may still hold it briefly). */
    static void drop(Connection connection, String slot) throws SQLException {
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
        while (active(connection, slot) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slot);
            statement.execute();
        }
    }

    /**
     * Waits until a contender created {@code slot} and it reached its consistent point (its confirmed
     * position is set): what is committed from then on is in its stream. False after {@code timeout}.
     */
    static boolean awaitCreated(Connection connection, String slot, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_replication_slots WHERE slot_name = ? AND confirmed_flush_lsn IS NOT NULL")) {
            statement.setString(1, slot);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        return false;
    }

    private static boolean active(Connection connection, String slot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
