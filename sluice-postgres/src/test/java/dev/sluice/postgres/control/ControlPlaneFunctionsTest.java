package dev.sluice.postgres.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.postgres.catalog.TableCatalog;
import dev.sluice.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code sluice} schema's functions as an operator meets them in psql: what each changes, the
 * clear error for each bad argument (and that nothing changed then), the role that may call them,
 * and that a caller's search_path cannot hijack them.
 */
class ControlPlaneFunctionsTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static String db;

    @BeforeAll
    static void install() throws SQLException {
        db = PG.createDatabase("ctl");
        execute("CREATE TABLE orders (id int PRIMARY KEY, amount numeric, note text, secret text);"
                + "CREATE TABLE lines (order_id int, n int, PRIMARY KEY (order_id, n));"
                + "CREATE TABLE loose (a int); CREATE VIEW order_view AS SELECT * FROM orders;"
                + "CREATE PUBLICATION sluice_test FOR TABLE lines");
        try (Connection c = PG.connect(db)) {
            ControlPlane.Installed installed = ControlPlane.install(c, new TableCatalog(c).resolve(
                    List.of(new dev.sluice.core.event.TableId("public", "lines")), List.of()));
            assertThat(installed.tablesSeeded()).isEqualTo(1);
            // A publication that holds sluice.capture is Sluice's: the functions keep its tables in step.
            execute("ALTER PUBLICATION sluice_test ADD TABLE sluice.capture");
            assertThat(ControlPlane.install(c, List.of()).alreadyInstalled()).isTrue();
        }
    }

    @Test
    void addTableRecordsTheEntryAndItsHistoryAndPublishesTheTable() throws SQLException {
        String entry = query("SELECT sluice.add_table('public', 'orders', operations => '{update,insert}', "
                + "exclude_columns => '{secret}', topic => 'shop.orders', remark => 'for billing')");
        assertThat(entry).contains("\"operations\": [\"insert\", \"update\"]", "\"exclude_columns\": [\"secret\"]",
                "\"topic\": \"shop.orders\"", "\"remark\": \"for billing\"", "\"created_by\": \"postgres\"");
        assertThat(query("SELECT count(*) FROM pg_publication_tables WHERE pubname = 'sluice_test' AND tablename = 'orders'"))
                .isEqualTo("1");
        assertThat(query("SELECT action || ' ' || changed_by FROM sluice.capture_history WHERE table_name = 'orders'"))
                .isEqualTo("add_table postgres");

        assertThat(query("SELECT sluice.remove_column('public', 'orders', 'note')")).contains("\"exclude_columns\": [\"note\", \"secret\"]");
        assertThat(query("SELECT sluice.add_column('public', 'orders', 'secret')")).contains("\"exclude_columns\": [\"note\"]");
        assertThat(query("SELECT sluice.add_column('public', 'orders', 'note')")).contains("\"exclude_columns\": null");

        execute("SELECT sluice.remove_table('public', 'orders')");
        assertThat(query("SELECT count(*) FROM sluice.capture WHERE table_name = 'orders'")).isEqualTo("0");
        assertThat(query("SELECT count(*) FROM pg_publication_tables WHERE pubname = 'sluice_test' AND tablename = 'orders'"))
                .isEqualTo("0");
        assertThat(query("SELECT string_agg(action, ',' ORDER BY id) FROM sluice.capture_history WHERE table_name = 'orders'"))
                .isEqualTo("add_table,remove_column,add_column,add_column,remove_table");
    }

    @Test
    void badArgumentsRaiseOneClearErrorAndChangeNothing() throws SQLException {
        String before = state();
        refused("SELECT sluice.add_table('public', 'nope')", "42P01", "sluice: table public.nope does not exist");
        refused("SELECT sluice.add_table('public', 'order_view')", "42809", "public.order_view is not a table");
        refused("SELECT sluice.add_table('public', 'orders', operations => '{insert,upsert}')", "22023",
                "unknown operation 'upsert'; use any of insert, update, delete, truncate");
        refused("SELECT sluice.add_table('public', 'orders', operations => '{}')", "22023", "operations is empty");
        refused("SELECT sluice.add_table('public', 'orders', columns => '{id,colour}')", "42703",
                "column colour of public.orders does not exist (columns)");
        refused("SELECT sluice.add_table('public', 'orders', columns => '{amount}')", "22023", "the captured columns of public.orders must include its key (id)");
        refused("SELECT sluice.add_table('public', 'orders', exclude_columns => '{id}')", "22023", "the key of public.orders (id) cannot be left out");
        refused("SELECT sluice.add_table('public', 'orders', columns => '{id}', exclude_columns => '{note}')", "22023",
                "give columns or exclude_columns, not both");
        refused("SELECT sluice.add_table('public', 'orders', topic => 'bad topic!')", "22023", "is not a legal Kafka topic name");
        refused("SELECT sluice.add_table('public', 'loose')", "22023", "has neither a primary key nor REPLICA IDENTITY FULL");
        refused("SELECT sluice.add_table('public', 'lines')", "42710", "table public.lines is already captured");
        refused("SELECT sluice.remove_table('public', 'orders')", "P0002", "table public.orders is not in the capture list");
        refused("SELECT sluice.add_column('public', 'lines', 'n')", "42710", "column n of public.lines is captured already");
        refused("SELECT sluice.add_column('public', 'lines', 'colour')", "42703", "column colour of public.lines does not exist");
        refused("SELECT sluice.remove_column('public', 'lines', 'n')", "22023", "column n is part of the key of public.lines");
        refused("SELECT sluice.create_sink_connector('files', '{\"file\": \"/tmp/x\"}')", "22023", "must be a JSON object with \"connector.class\"");
        refused("SELECT sluice.create_sink_connector('a/b', '{\"connector.class\": \"x\"}')", "22023", "is not a usable connector name");
        refused("SELECT sluice.create_sink_connector('nested', '{\"connector.class\": \"x\", \"deep\": {\"a\": 1}}')", "22023",
                "strings, numbers and booleans only");
        refused("SELECT sluice.delete_sink_connector('nope')", "P0002", "there is no sink connector 'nope'");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void onlySluiceAdminMayCallTheFunctions() throws SQLException {
        execute("CREATE ROLE outsider LOGIN PASSWORD 'pw'; CREATE ROLE operator LOGIN PASSWORD 'pw';"
                + "GRANT sluice_admin TO operator; GRANT CONNECT ON DATABASE " + db + " TO outsider, operator");
        try (Connection outsider = connectAs("outsider"); Statement s = outsider.createStatement()) {
            assertThatThrownBy(() -> s.execute("SELECT sluice.status()"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        try (Connection operator = connectAs("operator"); Statement s = operator.createStatement()) {
            s.execute("SELECT sluice.create_sink_connector('audit', '{\"connector.class\": \"x\", \"tasks.max\": 1}')");
            try (ResultSet rs = s.executeQuery("SELECT created_by FROM sluice.sink_connectors WHERE name = 'audit'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("operator");
            }
            s.execute("SELECT sluice.delete_sink_connector('audit')");
        }
    }

    @Test
    void aCallersSearchPathCannotRedirectTheFunctions() throws SQLException {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            // A schema first on the search path with look-alikes of functions and a table the functions use.
            s.execute("CREATE SCHEMA trap; CREATE TABLE trap.capture_history (id int);"
                    + "CREATE FUNCTION trap.quote_ident(text) RETURNS text LANGUAGE sql AS $$ SELECT 'hijacked' $$;"
                    + "CREATE FUNCTION trap.array_remove(text[], text) RETURNS text[] LANGUAGE sql AS $$ SELECT '{hijacked}'::text[] $$;"
                    + "SET search_path = trap, public");
            s.execute("SELECT sluice.add_table('public', 'orders', exclude_columns => '{note}')");
            try (ResultSet rs = s.executeQuery("SELECT sluice.add_column('public', 'orders', 'note')::text")) {
                rs.next();
                assertThat(rs.getString(1)).contains("\"exclude_columns\": null").doesNotContain("hijacked");
            }
            assertThatThrownBy(() -> s.execute("SELECT sluice.add_table('public', 'nothere')"))
                    .hasMessageContaining("table public.nothere does not exist");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM trap.capture_history")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            s.execute("SELECT sluice.remove_table('public', 'orders')");
        }
    }

    @Test
    void statusSaysPlainlyThatSluiceIsNotRunning() throws SQLException {
        String status = query("SELECT sluice.status('nobody')::text");
        assertThat(status).contains("\"state\": \"not running\"", "no Sluice has reported for slot nobody", "\"exists\": false");
    }

    private static void refused(String sql, String sqlState, String message) {
        assertThatThrownBy(() -> execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(sqlState);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static String state() throws SQLException {
        return query("SELECT (SELECT count(*) FROM sluice.capture) || '/' || (SELECT count(*) FROM sluice.capture_history) || '/'"
                + " || (SELECT count(*) FROM sluice.sink_connectors) || '/' || (SELECT count(*) FROM pg_publication_tables"
                + " WHERE pubname = 'sluice_test')");
    }

    private static Connection connectAs(String user) throws SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://" + PG.host() + ":" + PG.port() + "/" + db, user, "pw");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = PG.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
