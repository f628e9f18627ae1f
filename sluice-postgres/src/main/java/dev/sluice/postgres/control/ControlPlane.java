package dev.sluice.postgres.control;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.TableId;
import dev.sluice.core.transform.CaptureRule;
import dev.sluice.postgres.PgErrors;
import dev.sluice.postgres.catalog.CapturedTable;
import dev.sluice.postgres.incremental.ControlSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sluice's control plane in the database: {@code sluice install} creates it, after which the
 * capture list is the table {@code sluice.capture} (changed with {@code sluice.add_table()} and
 * friends, seen by the running Sluice in the replication stream) instead of the configuration's
 * {@code tables} and {@code schemas}. Also reads suspension and connector configs, and writes the
 * status row on each heartbeat. Plain SQL, no extension, so it works on hosted databases.
 */
public final class ControlPlane {

    public static final TableId CAPTURE = new TableId(ControlSchema.SCHEMA, "capture");
    public static final TableId CONTROL = new TableId(ControlSchema.SCHEMA, "control");
    public static final TableId CONNECTORS = new TableId(ControlSchema.SCHEMA, "sink_connectors");
    /** The control-plane tables in Sluice's publication: their changes steer the running Sluice. */
    public static final List<TableId> STREAMED = List.of(CAPTURE, CONTROL, CONNECTORS);
    /** The role that may call the control functions. */
    public static final String ADMIN_ROLE = "sluice_admin";

    private static final String SQL_RESOURCE = "control-plane.sql";

    private ControlPlane() {
    }

    public static boolean isStreamed(TableId table) {
        return table.schema().equals(ControlSchema.SCHEMA) && STREAMED.contains(table);
    }

    /** Whether {@code sluice install} was run on this database. */
    public static boolean installed(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT to_regclass('sluice.capture') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot look for Sluice's control schema");
        }
    }

    /** What {@link #install} did. */
    public record Installed(boolean alreadyInstalled, int tablesSeeded, int tablesCaptured) {
    }

    /**
     * Creates (or updates) the schema, its functions and the role {@value #ADMIN_ROLE}, in one
     * transaction. A new capture list is seeded with {@code seed} (the configuration's tables), so
     * installing changes nothing about what is captured.
     */
    public static Installed install(Connection connection, List<CapturedTable> seed) {
        boolean already = installed(connection);
        ControlSchema.install(connection);
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('sluice.install'))");
                statement.execute(sql());
                int seeded = seed(connection, seed);
                int captured = count(connection, "SELECT count(*) FROM sluice.capture");
                connection.commit();
                return new Installed(already, seeded, captured);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot install Sluice's control schema \"sluice\" (installing needs CREATE on the"
                    + " database and CREATEROLE for the role " + ADMIN_ROLE + "; a superuser or the database owner can)");
        }
    }

    private static int seed(Connection connection, List<CapturedTable> tables) throws SQLException {
        if (count(connection, "SELECT count(*) FROM sluice.capture") > 0) {
            return 0;
        }
        int seeded = 0;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO sluice.capture (schema_name, table_name, remark) VALUES (?, ?, 'from the configuration at install')
                ON CONFLICT DO NOTHING""")) {
            for (CapturedTable table : tables) {
                insert.setString(1, table.id().schema());
                insert.setString(2, table.id().table());
                seeded += insert.executeUpdate();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO sluice.capture_history (action, detail) VALUES ('install', "
                    + "jsonb_build_object('tables_seeded', " + seeded + "))");
        }
        return seeded;
    }

    /** What {@link #uninstall} removed and what it left. */
    public record Uninstalled(boolean wasInstalled, boolean roleDropped, String roleKeptBecause, List<String> slotsLeft,
            List<String> publicationsLeft) {
    }

    /**
     * Drops the schema {@code sluice} with everything in it, and the role {@value #ADMIN_ROLE}
     * when nothing else depends on it; refuses while a Sluice streams from this database. Slots
     * and publications are left: they belong to Sluice's runs (dropping a slot loses its position).
     */
    public static Uninstalled uninstall(Connection connection) {
        try {
            List<String> active = strings(connection, """
                    SELECT slot_name || ' (PID ' || active_pid || ')' FROM pg_replication_slots
                    WHERE database = current_database() AND plugin = 'pgoutput' AND active""");
            List<String> publications = strings(connection, """
                    SELECT DISTINCT pubname::text FROM pg_publication_tables WHERE schemaname = 'sluice'""");
            if (!active.isEmpty() && !publications.isEmpty()) {
                throw new FatalException("cannot uninstall: slot " + String.join(", ", active) + " is streaming from this"
                        + " database; stop Sluice first");
            }
            boolean was = count(connection, "SELECT count(*) FROM pg_namespace WHERE nspname = 'sluice'") > 0;
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS sluice CASCADE");
            }
            boolean roleDropped = false;
            String kept = null;
            try (Statement statement = connection.createStatement()) {
                if (count(connection, "SELECT count(*) FROM pg_roles WHERE rolname = '" + ADMIN_ROLE + "'") > 0) {
                    statement.execute("DROP ROLE " + ADMIN_ROLE);
                    roleDropped = true;
                }
            } catch (SQLException e) {
                kept = PgErrors.firstLine(e.getMessage());
            }
            List<String> slots = strings(connection, """
                    SELECT slot_name || ' (retains ' || pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) || ' of WAL)'
                    FROM pg_replication_slots WHERE database = current_database() AND plugin = 'pgoutput'""");
            return new Uninstalled(was, roleDropped, kept, slots, publications);
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot uninstall Sluice's control schema");
        }
    }

    /** The capture list, in table order. */
    public static List<CaptureRule> captureList(Connection connection) {
        List<CaptureRule> rules = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT schema_name, table_name, topic, operations, columns, exclude_columns
                        FROM sluice.capture ORDER BY schema_name, table_name""")) {
            while (rs.next()) {
                rules.add(rule(new TableId(rs.getString(1), rs.getString(2)), rs.getString(3), array(rs.getArray(4)),
                        array(rs.getArray(5)), array(rs.getArray(6))));
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read Sluice's capture list sluice.capture");
        }
        return rules;
    }

    static CaptureRule rule(TableId table, String topic, List<String> operations, List<String> columns, List<String> exclude) {
        EnumSet<Operation> ops = EnumSet.noneOf(Operation.class);
        for (String op : operations) {
            ops.add(CaptureRule.operation(op));
        }
        return new CaptureRule(table, ops, columns, exclude, topic);
    }

    /** Whether {@code slot} is to be suspended now (its own row, else the row for every slot). */
    public static Optional<Suspension> suspension(Connection connection, String slot) {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT suspended, drop_slot FROM sluice.control WHERE slot IN (?, '*') ORDER BY slot = '*' LIMIT 1""")) {
            query.setString(1, slot);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getBoolean(1) ? Optional.of(new Suspension(rs.getBoolean(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read Sluice's suspension state sluice.control");
        }
    }

    /** The sink connectors' configs: name → JSON object. */
    public static Map<String, String> connectors(Connection connection) {
        Map<String, String> connectors = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT name, config::text FROM sluice.sink_connectors ORDER BY name")) {
            while (rs.next()) {
                connectors.put(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read Sluice's sink connectors sluice.sink_connectors");
        }
        return connectors;
    }

    /** Writes this Sluice's row of {@code sluice.status}. */
    public static void writeStatus(Connection connection, StatusReport report) {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO sluice.status AS s (slot, state, publication, pid, host, version, http, started_at, heartbeat_at,
                    heartbeat_interval, confirmed_lsn, kafka, connectors, snapshots, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?::interval, ?::pg_lsn, ?, ?::jsonb, ?::jsonb, ?)
                ON CONFLICT (slot) DO UPDATE SET state = EXCLUDED.state, publication = EXCLUDED.publication, pid = EXCLUDED.pid,
                    host = EXCLUDED.host, version = EXCLUDED.version, http = EXCLUDED.http, started_at = EXCLUDED.started_at,
                    heartbeat_at = now(), heartbeat_interval = EXCLUDED.heartbeat_interval,
                    confirmed_lsn = coalesce(EXCLUDED.confirmed_lsn, s.confirmed_lsn), kafka = EXCLUDED.kafka,
                    connectors = EXCLUDED.connectors, snapshots = EXCLUDED.snapshots, error = EXCLUDED.error""")) {
            upsert.setString(1, report.slot());
            upsert.setString(2, report.state());
            upsert.setString(3, report.publication());
            upsert.setLong(4, report.pid());
            upsert.setString(5, report.host());
            upsert.setString(6, report.version());
            upsert.setString(7, report.http());
            upsert.setTimestamp(8, Timestamp.from(report.startedAt()));
            upsert.setString(9, report.heartbeatInterval().toMillis() + " milliseconds");
            upsert.setString(10, report.confirmedLsn());
            upsert.setString(11, report.kafka());
            upsert.setString(12, report.connectorsJson());
            upsert.setString(13, report.snapshotsJson());
            upsert.setString(14, report.error());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot write Sluice's status row in sluice.status");
        }
    }

    /** WAL bytes between the server's position and the slot's confirmed one; empty when the slot does not exist. */
    public static OptionalLong slotLag(Connection connection, String slot) {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint FROM pg_replication_slots
                WHERE slot_name = ?""")) {
            query.setString(1, slot);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return OptionalLong.empty();
                }
                long lag = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(lag);
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the lag of slot \"" + slot + "\"");
        }
    }

    private static List<String> array(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }

    private static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private static String sql() {
        try (InputStream in = ControlPlane.class.getResourceAsStream(SQL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SQL_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
