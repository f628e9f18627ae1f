package dev.sluice.postgres;

import dev.sluice.core.error.FatalException;
import dev.sluice.postgres.types.PgSessionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens Sluice's connections to the source database: plain ones (catalog, snapshot) and
 * replication ones. Every connection gets the same session settings, so that values print the same
 * in a snapshot and in the stream. Failures are classified by {@link PgErrors}.
 */
public final class PgConnector {

    private final PostgresSourceConfig config;

    public PgConnector(PostgresSourceConfig config) {
        this.config = config;
    }

    public Connection open() {
        return connect(properties(false), "connect to");
    }

    public Connection openReplication() {
        return connect(properties(true), "open a replication connection to");
    }

    /** Host, port and database as the user wrote them, for messages. */
    public String target() {
        String target = config.url().substring("jdbc:postgresql://".length());
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private Properties properties(boolean replication) {
        Properties p = new Properties();
        PGProperty.USER.set(p, config.user());
        if (config.password() != null) {
            PGProperty.PASSWORD.set(p, config.password());
        }
        PGProperty.APPLICATION_NAME.set(p, replication ? "sluice-stream" : "sluice");
        PGProperty.OPTIONS.set(p, PgSessionSettings.connectionOptions());
        PGProperty.CONNECT_TIMEOUT.set(p, 10);
        PGProperty.TCP_KEEP_ALIVE.set(p, true);
        if (replication) {
            PGProperty.REPLICATION.set(p, "database");
            PGProperty.ASSUME_MIN_SERVER_VERSION.set(p, "10");
            PGProperty.PREFER_QUERY_MODE.set(p, "simple");
        }
        return p;
    }

    private Connection connect(Properties properties, String action) {
        try {
            Connection connection = DriverManager.getConnection(config.url(), properties);
            connection.setAutoCommit(true);
            // pgjdbc sends the JVM's time zone as a startup parameter, which wins over options.
            PgSessionSettings.apply(connection);
            return connection;
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot " + action + " " + target() + " as user " + config.user());
        } catch (RuntimeException e) {
            throw new FatalException("cannot " + action + " " + target() + ": " + e.getMessage()
                    + "; check database-url", e);
        }
    }
}
