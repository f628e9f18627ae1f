package dev.sluice.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sluice install} and {@code sluice uninstall} against a real database, as a user types them. */
class InstallCommandTest {

    private static final TestPostgres PG = TestPostgres.shared();

    record Outcome(int status, String out, String err) {
    }

    @Test
    void installSeedsTheCaptureListFromTheConfigurationAndUninstallSaysWhatItLeaves() throws SQLException {
        String db = PG.createDatabase("install");
        sql(db, "CREATE TABLE orders (id int PRIMARY KEY); CREATE TABLE lines (id int PRIMARY KEY)");
        Outcome installed = run(db, "install", "--tables", "orders");
        assertThat(installed.status()).isZero();
        assertThat(installed.out()).contains("installed Sluice's control plane", "capture list sluice.capture: 1 tables (1 seeded from the configuration)");
        assertThat(query(db, "SELECT string_agg(table_name, ',') FROM sluice.capture")).isEqualTo("orders");
        assertThat(query(db, "SELECT count(*) FROM pg_roles WHERE rolname = 'sluice_admin'")).isEqualTo("1");

        Outcome again = run(db, "install", "--tables", "orders,lines");
        assertThat(again.out()).contains("updated Sluice's control plane", "capture list sluice.capture: 1 tables;");

        sql(db, "SELECT pg_create_logical_replication_slot('" + db + "', 'pgoutput')");
        Outcome removed = run(db, "uninstall");
        assertThat(removed.status()).isZero();
        assertThat(removed.out()).contains("removed the schema sluice", "left replication slot " + db);
        assertThat(query(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'sluice'")).isEqualTo("0");
        sql(db, "SELECT pg_drop_replication_slot('" + db + "')");
    }

    @Test
    void installWithoutTheRightsIsOneClearLine() throws SQLException {
        String db = PG.createDatabase("norights");
        sql(db, "CREATE ROLE plain LOGIN PASSWORD 'pw'");
        Outcome outcome = run(Map.of("SLUICE_PASSWORD", "pw"), db, "install", "--user", "plain");
        assertThat(outcome.status()).isEqualTo(SluiceCli.USER_ERROR);
        assertThat(outcome.err().lines().toList()).hasSize(1);
        assertThat(outcome.err()).startsWith("sluice: cannot install Sluice's control schema").contains("permission denied");
    }

    private static Outcome run(String db, String... args) {
        return run(Map.of("SLUICE_PASSWORD", PG.password()), db, args);
    }

    private static Outcome run(Map<String, String> env, String db, String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--database-url";
        full[args.length + 1] = "jdbc:postgresql://" + PG.host() + ":" + PG.port() + "/" + db;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        SluiceCli cli = new SluiceCli(env::get, config -> {
            throw new AssertionError("install starts no engine");
        });
        int status = cli.execute(new PrintWriter(out), new PrintWriter(err), full);
        return new Outcome(status, out.toString(), err.toString());
    }

    private static void sql(String db, String sql) throws SQLException {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(String db, String sql) throws SQLException {
        try (Connection c = PG.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
