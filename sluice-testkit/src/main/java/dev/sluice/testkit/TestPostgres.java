package dev.sluice.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, run from the zonky embedded binaries (the major version is
 * chosen by the build's {@code pg.binaries.version} property, so the {@code pg14}…{@code pg18}
 * profiles run the same tests against another server).
 *
 * <p>Why it exists: every module that tests against PostgreSQL needs a server configured for
 * logical replication, and starting one costs seconds. {@link #shared()} gives one server per JVM;
 * tests isolate themselves with {@link #createDatabase(String)} instead of starting their own.
 * Tests that change server settings (durability tests, benchmarks) {@link #start(Map) start} an
 * owned server and {@link #close()} it.
 *
 * <p>Authentication: the cluster is initialised with {@code trust} authentication for every
 * connection (including replication), so the password is never checked; {@link #password()}
 * returns {@code "postgres"} for configurations that insist on one.
 *
 * <p>Zonky starts the server with {@code fsync=off} and {@code synchronous_commit=off}; pass
 * {@code fsync=on} and {@code synchronous_commit=on} to {@link #start(Map)} where durability
 * matters, and check them with {@link #setting(String)}.
 *
 * <p>Thread-safe.
 */
public final class TestPostgres implements AutoCloseable {

    /** The settings every instance gets: logical decoding with room for many slots and clients. */
    private static final Map<String, String> BASE_CONFIG = Map.of(
            "wal_level", "logical",
            "max_replication_slots", "64",
            "max_wal_senders", "64",
            "max_connections", "300");

    private static final int MAX_IDENTIFIER_LENGTH = 63;
    private static final Duration TERMINATE_TIMEOUT = Duration.ofSeconds(10);

    private static TestPostgres shared;

    private final EmbeddedPostgres server;
    private final boolean owned;
    private final AtomicInteger databaseCounter = new AtomicInteger();

    private TestPostgres(EmbeddedPostgres server, boolean owned) {
        this.server = server;
        this.owned = owned;
    }

    /**
     * The JVM's shared server, started on first use with logical replication enabled
     * ({@code wal_level=logical}, 64 slots and WAL senders, 300 connections) and stopped when the
     * JVM exits. {@link #close()} on it does nothing.
     */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = new TestPostgres(startServer(Map.of()), false);
        }
        return shared;
    }

    /**
     * Starts a separate server that the caller owns and must {@link #close()}. It gets the same
     * logical-replication settings as the shared one, overridden and extended by {@code serverConfig}
     * (e.g. {@code fsync=on}, {@code synchronous_commit=on}).
     */
    public static TestPostgres start(Map<String, String> serverConfig) {
        return new TestPostgres(startServer(serverConfig), true);
    }

    private static EmbeddedPostgres startServer(Map<String, String> overrides) {
        Map<String, String> config = new LinkedHashMap<>(BASE_CONFIG);
        config.putAll(overrides);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setRegisterShutdownHook(true)
                .setPGStartupWait(Duration.ofSeconds(60));
        config.forEach(builder::setServerConfig);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL with " + config, e);
        }
    }

    /** The port the server listens on (chosen free at start). */
    public int port() {
        return server.getPort();
    }

    /** Always {@code "localhost"}. */
    public String host() {
        return "localhost";
    }

    /** The superuser, {@code "postgres"}; it may create slots and publications. */
    public String user() {
        return "postgres";
    }

    /** Any password is accepted (trust authentication); this is the conventional one. */
    public String password() {
        return "postgres";
    }

    /** A pgjdbc URL for {@code database}, carrying the user; add the password from {@link #password()} if needed. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database + "?user=" + user();
    }

    /** A new connection to {@code database} in autocommit mode; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host() + ":" + port() + "/" + database, properties);
        connection.setAutoCommit(true);
        return connection;
    }

    /** The server's major version, e.g. 17. */
    public int majorVersion() {
        return Integer.parseInt(setting("server_version_num")) / 10_000;
    }

    /** The live value of a server setting ({@code SHOW name}), e.g. {@code setting("fsync")} → {@code "on"}. */
    public String setting(String name) {
        try (Connection connection = connect("postgres");
                PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read setting " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates an empty database named {@code prefix} (lower-cased, with characters other than
     * letters, digits and {@code _} replaced by {@code _}) followed by a counter, and returns its
     * name. Each test creates its own database and so never sees another test's tables or slots'
     * publications.
     */
    public String createDatabase(String prefix) {
        String name = databaseName(prefix, databaseCounter.incrementAndGet());
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    static String databaseName(String prefix, int counter) {
        String suffix = "_" + counter;
        String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) && cleaned.charAt(0) != '_') {
            cleaned = "db_" + cleaned;
        }
        int room = MAX_IDENTIFIER_LENGTH - suffix.length();
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, room);
        }
        return cleaned + suffix;
    }

    /**
     * Terminates every WAL sender connected to {@code database} (its logical replication
     * connections) and waits until each has exited, so that their slots are inactive again when
     * this returns. Returns how many were terminated. Used by fault-injection tests ("the server
     * dropped us"). Needs PostgreSQL 14+ (the waiting form of {@code pg_terminate_backend}).
     */
    public int terminateReplicationConnections(String database) {
        String sql = "SELECT pid, pg_terminate_backend(pid, ?) FROM pg_stat_activity"
                + " WHERE backend_type = 'walsender' AND datname = ?";
        int terminated = 0;
        try (Connection connection = connect("postgres");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, TERMINATE_TIMEOUT.toMillis());
            statement.setString(2, database);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (!result.getBoolean(2)) {
                        throw new IllegalStateException("WAL sender " + result.getInt(1) + " of database " + database
                                + " still running " + TERMINATE_TIMEOUT.toSeconds() + " s after pg_terminate_backend");
                    }
                    terminated++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not terminate WAL senders of " + database + ": " + e.getMessage(), e);
        }
        return terminated;
    }

    /** Stops an owned server; does nothing for the {@link #shared()} one, which stops with the JVM. */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL on port " + port(), e);
        }
    }

    @Override
    public String toString() {
        return "TestPostgres[localhost:" + port() + (owned ? ", owned" : ", shared") + "]";
    }
}
