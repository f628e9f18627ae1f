package dev.sluice.bench.workload;

import dev.sluice.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh database for one workload, dropped with its slots afterwards so that the next workload
 * starts on a server holding no WAL for it.
 */
final class Database implements AutoCloseable {

    private final TestPostgres server;
    private final String name;

    private Database(TestPostgres server, String name) {
        this.server = server;
        this.name = name;
    }

    static Database create(TestPostgres server, String prefix) {
        return new Database(server, server.createDatabase(prefix));
    }

    String name() {
        return name;
    }

    /** The JDBC URL without credentials: {@code jdbc:postgresql://localhost:PORT/NAME}. */
    String url() {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + name;
    }

    TestPostgres server() {
        return server;
    }

    Connection connect() throws SQLException {
        return server.connect(name);
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = server.connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                    + " WHERE database = '" + name + "' AND NOT active");
            statement.execute("DROP DATABASE \"" + name + "\" WITH (FORCE)");
        }
    }
}
