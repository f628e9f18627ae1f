package dev.sluice.postgres.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.error.FatalException;
import dev.sluice.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgSessionSettingsTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static String database;

    @BeforeAll
    static void createDatabase() {
        database = PG.createDatabase("session_settings");
    }

    @Test
    void connectionOptionsEscapeTheSpaceInsideDateStyle() {
        assertThat(PgSessionSettings.connectionOptions()).isEqualTo(
                "-c DateStyle=ISO,\\ MDY -c IntervalStyle=iso_8601 -c TimeZone=UTC -c extra_float_digits=3 -c bytea_output=hex");
    }

    @Test
    void serverAppliesTheOptionsFromTheFirstQuery() throws SQLException {
        try (Connection c = open(PgSessionSettings.connectionOptions(), false)) {
            assertThat(setting(c, "DateStyle")).isEqualTo("ISO, MDY");
            assertThat(setting(c, "IntervalStyle")).isEqualTo("iso_8601");
            assertThat(setting(c, "extra_float_digits")).isEqualTo("3");
            assertThat(setting(c, "bytea_output")).isEqualTo("hex");
        }
    }

    @Test
    void escapedSpacesAndBackslashesReachTheServerIntact() throws SQLException {
        String value = "ISO, MDY \\ two  spaces";
        try (Connection c = open(PgSessionSettings.options(Map.of("sluice.probe", value)), false)) {
            assertThat(setting(c, "sluice.probe")).isEqualTo(value);
        }
    }

    /** Why {@link PgSessionSettings#apply} exists: pgjdbc's own TimeZone startup parameter wins over options. */
    @Test
    void pgjdbcOverridesTheOptionsTimeZoneUntilApplied() throws SQLException {
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        try (Connection c = open(PgSessionSettings.connectionOptions(), false)) {
            assertThat(setting(c, "TimeZone")).isEqualTo("Asia/Kolkata");
            assertThatThrownBy(() -> PgSessionSettings.verify(c))
                    .isInstanceOf(FatalException.class)
                    .hasMessageContaining("TimeZone is 'Asia/Kolkata', needs 'UTC'");

            PgSessionSettings.apply(c);

            PgSessionSettings.verify(c);
            assertThat(query(c, "SELECT '2024-02-29 19:15:00+05:30'::timestamptz::text")).isEqualTo("2024-02-29 13:45:00+00");
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @Test
    void verifyNamesEverySettingThatDiffers() throws SQLException {
        try (Connection c = open(PgSessionSettings.connectionOptions(), false); Statement st = c.createStatement()) {
            PgSessionSettings.apply(c);
            st.execute("SET IntervalStyle = postgres");
            st.execute("SET bytea_output = escape");

            assertThatThrownBy(() -> PgSessionSettings.verify(c))
                    .isInstanceOf(FatalException.class)
                    .hasMessageContaining("IntervalStyle is 'postgres', needs 'iso_8601'")
                    .hasMessageContaining("bytea_output is 'escape', needs 'hex'")
                    .hasMessageNotContaining("DateStyle");
        }
    }

    @Test
    void applyWorksOnAReplicationConnection() throws SQLException {
        try (Connection c = open(PgSessionSettings.connectionOptions(), true)) {
            PgSessionSettings.apply(c);

            PgSessionSettings.verify(c);
            assertThat(setting(c, "TimeZone")).isEqualTo("UTC");
        }
    }

    private static Connection open(String options, boolean replication) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", PG.user());
        p.setProperty("password", PG.password());
        p.setProperty("options", options);
        if (replication) {
            p.setProperty("replication", "database");
            p.setProperty("assumeMinServerVersion", "10");
            p.setProperty("preferQueryMode", "simple");
        }
        return DriverManager.getConnection("jdbc:postgresql://" + PG.host() + ":" + PG.port() + "/" + database, p);
    }

    private static String setting(Connection c, String name) throws SQLException {
        return query(c, "SELECT current_setting('" + name + "')");
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
