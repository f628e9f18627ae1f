package dev.sluice.server.engine;

import dev.sluice.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-line SQL for tests: run a statement, read one value, ask whether a slot is streaming. */
final class Sql {

    private Sql() {
    }

    static void execute(TestPostgres pg, String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of the first row, as text. */
    static String query(TestPostgres pg, String db, String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** True while a process streams from the slot. */
    static boolean slotActive(TestPostgres pg, String db, String slot) throws SQLException {
        return "true".equals(query(pg, db, "SELECT coalesce(bool_or(active), false)::text FROM pg_replication_slots"
                + " WHERE slot_name = '" + slot.replace("'", "''") + "'"));
    }
}
