package dev.sluice.postgres.incremental;

import dev.sluice.core.error.FatalException;
import dev.sluice.postgres.PgErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes snapshot requests through the {@code sluice} schema's SQL functions, as a user in psql
 * would: the functions validate the arguments, and the running Sluice sees the request in its
 * stream. The CLI's {@code sluice snapshot} uses this.
 */
public final class SnapshotRequests {

    private final Connection connection;
    private final String slot;

    public SnapshotRequests(Connection connection, String slot) {
        this.connection = connection;
        this.slot = slot;
    }

    /** Requests incremental snapshots of {@code tables}, limited by {@code condition} if not null; returns the request ids. */
    public List<Long> snapshot(List<String> tables, String condition) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT sluice.snapshot(?, ?, ?)")) {
            Array array = connection.createArrayOf("text", tables.toArray());
            statement.setArray(1, array);
            statement.setString(2, condition);
            statement.setString(3, slot);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** {@code pause}, {@code resume} or {@code cancel}; returns the request id. */
    public long signal(String action) {
        if (!List.of("pause", "resume", "cancel").contains(action)) {
            throw new FatalException("unknown snapshot action '" + action + "'; use pause, resume or cancel");
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT sluice.snapshot_" + action + "(?)")) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static RuntimeException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("42883") || state.equals("3F000")) {
            return new FatalException("Sluice's control schema is not installed in this database: start 'sluice run' on it"
                    + " once, then request the snapshot", e);
        }
        if (state.equals("42501")) {
            return new FatalException("permission denied to request snapshots: GRANT EXECUTE ON the sluice.snapshot"
                    + " functions to this user, or connect as the user Sluice runs as", e);
        }
        if (state.startsWith("22") || state.startsWith("42")) {
            String message = e.getMessage() == null ? state : e.getMessage().replaceFirst("^ERROR: ", "").lines().findFirst().orElse(state);
            return new FatalException(message, e);
        }
        return PgErrors.classify(e, "cannot request the snapshot");
    }
}
