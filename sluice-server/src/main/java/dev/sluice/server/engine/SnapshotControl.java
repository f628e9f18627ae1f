package dev.sluice.server.engine;

import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.incremental.SnapshotRequests;
import dev.sluice.server.config.SluiceConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Requests to a running Sluice's incremental snapshots, written into its database (the running
 * process sees them in its stream): what {@code sluice snapshot} does.
 */
public final class SnapshotControl {

    private final SluiceConfig config;

    public SnapshotControl(SluiceConfig config) {
        this.config = config;
    }

    /** Requests snapshots of {@code tables} (with a WHERE {@code condition}, or null); returns the request ids. */
    public List<Long> snapshot(List<String> tables, String condition) {
        try (Connection connection = connect()) {
            return new SnapshotRequests(connection, config.slot()).snapshot(tables, condition);
        } catch (SQLException e) {
            throw dev.sluice.postgres.PgErrors.classify(e, "cannot close the connection");
        }
    }

    /** Pauses, resumes or cancels the slot's incremental snapshots; returns the request id. */
    public long signal(String action) {
        try (Connection connection = connect()) {
            return new SnapshotRequests(connection, config.slot()).signal(action);
        } catch (SQLException e) {
            throw dev.sluice.postgres.PgErrors.classify(e, "cannot close the connection");
        }
    }

    private Connection connect() {
        return new PgConnector(EngineSettings.from(config).source()).open();
    }
}
