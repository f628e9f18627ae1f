package dev.sluice.postgres.types;

import dev.sluice.core.error.FatalException;
import dev.sluice.postgres.PgErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings under which PostgreSQL prints values in the form the type mapping reads: ISO dates,
 * ISO-8601 intervals, UTC, shortest-exact floats, hex {@code bytea}. Every connection Sluice opens
 * (snapshot and replication alike, since pgoutput prints values in the walsender's session) must
 * have them, so that a value prints the same in the snapshot and in the stream.
 *
 * <p>Two steps, because neither suffices alone. {@link #connectionOptions()} goes in pgjdbc's
 * {@code options} property and covers the settings from the first byte; but pgjdbc also sends
 * {@code TimeZone} (the JVM's zone) and {@code DateStyle=ISO} as startup parameters, which the
 * server applies after {@code options}, so {@code TimeZone=UTC} there is overridden unless the JVM
 * runs in UTC. {@link #apply(Connection)} then sets them all with one statement (allowed on a
 * replication connection too), and {@link #verify(Connection)} checks the live values. Stateless
 * and thread-safe; SQL errors are classified by {@link PgErrors}.
 */
public final class PgSessionSettings {

    /** Setting name to value, in the order they are sent. */
    public static final Map<String, String> SETTINGS = settings();

    private PgSessionSettings() {
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("DateStyle", "ISO, MDY");
        settings.put("IntervalStyle", "iso_8601");
        settings.put("TimeZone", "UTC");
        settings.put("extra_float_digits", "3");
        settings.put("bytea_output", "hex");
        return Collections.unmodifiableMap(settings);
    }

    /**
     * The value of pgjdbc's {@code options} connection property for {@link #SETTINGS}:
     * {@code -c DateStyle=ISO,\ MDY -c IntervalStyle=iso_8601 ...}. The server splits this string
     * on white space, so spaces inside a value (and backslashes) are escaped with a backslash.
     */
    public static String connectionOptions() {
        return options(SETTINGS);
    }

    static String options(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("-c ").append(setting.getKey()).append('=');
            for (char c : setting.getValue().toCharArray()) {
                if (c == '\\' || Character.isWhitespace(c)) {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Sets {@link #SETTINGS} on an open connection, plain or replication. {@code set_config} is
     * transactional: call this in autocommit mode (or commit), before any value is read.
     */
    public static void apply(Connection connection) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
            if (sql.length() > "SELECT ".length()) {
                sql.append(", ");
            }
            sql.append("pg_catalog.set_config(").append(literal(setting.getKey())).append(", ")
                    .append(literal(setting.getValue())).append(", false)");
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery(sql.toString()).close();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot set the session settings " + SETTINGS);
        }
    }

    /**
     * Checks that the connection's live settings are {@link #SETTINGS}.
     *
     * @throws FatalException naming each setting that differs, its value and the one needed
     */
    public static void verify(Connection connection) {
        List<String> wrong = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
                try (ResultSet rs = statement.executeQuery("SELECT pg_catalog.current_setting(" + literal(setting.getKey()) + ")")) {
                    rs.next();
                    String live = rs.getString(1);
                    if (!setting.getValue().equalsIgnoreCase(live)) {
                        wrong.add(setting.getKey() + " is '" + live + "', needs '" + setting.getValue() + "'");
                    }
                }
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the session settings");
        }
        if (!wrong.isEmpty()) {
            throw new FatalException("session settings differ from Sluice's: " + String.join("; ", wrong)
                    + "; values would print in another form than the type mapping reads. Call PgSessionSettings.apply"
                    + " after connecting, and check that no connection pooler resets session settings");
        }
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
