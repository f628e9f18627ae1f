package dev.sluice.postgres.control;

import dev.sluice.core.error.SluiceException;
import dev.sluice.postgres.PgErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Calls the {@code sluice.*} control functions, one short connection per call, and returns their
 * JSON as text. The functions check every argument and change nothing when one is wrong; their
 * error comes back as a {@link Refused} with the SQLSTATE and the function's own message. Used by
 * the HTTP API and the CLI, so every face of the control plane gives psql's answer.
 */
public final class ControlFunctions {

    private final Supplier<Connection> connections;

    /** {@code connections}: opens a new connection to the captured database (closed after each call). */
    public ControlFunctions(Supplier<Connection> connections) {
        this.connections = connections;
    }

    /** A control function refused the request. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String sqlState;

        Refused(String sqlState, String message, Throwable cause) {
            super(message, cause);
            this.sqlState = sqlState;
        }

        /** The SQLSTATE: 42P01 no such table, 42703 no such column, P0002 not found, 42710 duplicate, 22023 bad argument, 42501 no privilege, 3F000 not installed. */
        public String sqlState() {
            return sqlState;
        }
    }

    public String status() {
        return text("SELECT sluice.status()::text");
    }

    /** The capture list as a JSON array. */
    public String tables() {
        return text("SELECT coalesce(jsonb_agg(sluice.entry(schema_name, table_name) ORDER BY schema_name, table_name), '[]')::text"
                + " FROM sluice.capture");
    }

    public String addTable(String schema, String table, List<String> operations, List<String> columns, List<String> exclude,
            String topic, String remark) {
        return call("SELECT sluice.add_table(?, ?, operations => ?, columns => ?, exclude_columns => ?, topic => ?, remark => ?)::text",
                (c, s) -> {
                    s.setString(1, schema);
                    s.setString(2, table);
                    s.setArray(3, array(c, operations));
                    s.setArray(4, array(c, columns));
                    s.setArray(5, array(c, exclude));
                    s.setString(6, topic);
                    s.setString(7, remark);
                });
    }

    public void removeTable(String schema, String table) {
        call("SELECT sluice.remove_table(?, ?)::text", (c, s) -> {
            s.setString(1, schema);
            s.setString(2, table);
        });
    }

    public String addColumn(String schema, String table, String column) {
        return column("add_column", schema, table, column);
    }

    public String removeColumn(String schema, String table, String column) {
        return column("remove_column", schema, table, column);
    }

    private String column(String function, String schema, String table, String column) {
        return call("SELECT sluice." + function + "(?, ?, ?)::text", (c, s) -> {
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, column);
        });
    }

    public void suspend(boolean dropSlot) {
        call("SELECT sluice.suspend(drop_slot => ?)::text", (c, s) -> s.setBoolean(1, dropSlot));
    }

    public void resume() {
        call("SELECT sluice.resume()::text", (c, s) -> { });
    }

    /** Requests incremental snapshots; returns the request ids. */
    public List<Long> snapshot(List<String> tables, String condition) {
        String ids = call("SELECT coalesce(string_agg(id::text, ','), '') FROM sluice.snapshot(?, ?) AS id", (c, s) -> {
            s.setArray(1, array(c, tables));
            s.setString(2, condition);
        });
        List<Long> result = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isEmpty()) {
                result.add(Long.parseLong(id));
            }
        }
        return result;
    }

    /** {@code pause}, {@code resume} or {@code cancel}: returns the request id. */
    public long snapshotControl(String action) {
        if (!List.of("pause", "resume", "cancel").contains(action)) {
            throw new Refused("22023", "sluice: unknown snapshot action " + action + "; use pause, resume or cancel", null);
        }
        return Long.parseLong(call("SELECT sluice.snapshot_" + action + "()::text", (c, s) -> { }));
    }

    /** The managed sink connectors as a JSON array of {name, config}. */
    public String connectors() {
        return text("SELECT coalesce(jsonb_agg(jsonb_build_object('name', name, 'config', config, 'created_at', created_at,"
                + " 'created_by', created_by) ORDER BY name), '[]')::text FROM sluice.sink_connectors");
    }

    public String createConnector(String name, String configJson) {
        return call("SELECT sluice.create_sink_connector(?, ?::jsonb)::text", (c, s) -> {
            s.setString(1, name);
            s.setString(2, configJson);
        });
    }

    public void deleteConnector(String name) {
        call("SELECT sluice.delete_sink_connector(?)::text", (c, s) -> s.setString(1, name));
    }

    private String text(String sql) {
        return call(sql, (c, s) -> { });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    private String call(String sql, Binder binder) {
        try (Connection connection = connections.get(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(connection, statement);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw refused(e);
        }
    }

    private static Array array(Connection connection, List<String> values) throws SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray(new String[0]));
    }

    private static RuntimeException refused(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("3F000") || state.equals("42883") && String.valueOf(e.getMessage()).contains("sluice.")) {
            return new Refused("3F000", "Sluice's control schema is not installed in this database; run sluice install", e);
        }
        if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000") || state.isEmpty()) {
            SluiceException classified = PgErrors.classify(e, "cannot reach the database");
            return new Refused(state.isEmpty() ? "08000" : state, classified.getMessage(), e);
        }
        String message = e.getMessage();
        if (e instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                message = server.getMessage();
            }
        }
        if (state.equals("42501")) {
            message = message + " (grant the role " + ControlPlane.ADMIN_ROLE + " to the user)";
        }
        return new Refused(state, message, e);
    }
}
