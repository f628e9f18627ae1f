package dev.sluice.server.engine;

import dev.sluice.core.error.SluiceException;
import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.control.ControlPlane;
import dev.sluice.postgres.control.StatusReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sluice's heartbeat as others see it: every heartbeat interval it measures the slot's lag and,
 * when the control plane is installed, writes this Sluice's row of {@code sluice.status}, which
 * {@code sluice.status()} reads. It keeps its own connection and runs whatever the engine does
 * (snapshotting, streaming, suspended, retrying), so status stays true while the stream is down;
 * a failed beat is logged at debug and retried on the next.
 */
final class StatusReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

    private final PgConnector connector;
    private final String slot;
    private final Supplier<StatusReport> report;
    private final ScheduledExecutorService timer;
    private Connection connection;
    private volatile OptionalLong lagBytes = OptionalLong.empty();
    private volatile long beats;
    private Boolean installed;

    StatusReporter(PgConnector connector, String slot, Duration interval, Supplier<StatusReport> report) {
        this.connector = connector;
        this.slot = slot;
        this.report = report;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sluice-status");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    OptionalLong lagBytes() {
        return lagBytes;
    }

    long beats() {
        return beats;
    }

    /** Writes the status now (e.g. right after a state change) instead of at the next beat. */
    void beatNow() {
        timer.execute(this::beat);
    }

    private void beat() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = connector.open();
                installed = null;
            }
            lagBytes = ControlPlane.slotLag(connection, slot);
            if (installed == null || !installed) {
                installed = ControlPlane.installed(connection);
            }
            if (installed) {
                ControlPlane.writeStatus(connection, report.get());
            }
            beats++;
        } catch (SluiceException | SQLException e) {
            LOG.debug("status heartbeat failed: {}", e.getMessage());
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the status connection failed: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /** Writes a last row (e.g. state stopped) if the database was reachable, and stops. */
    @Override
    public void close() {
        timer.execute(() -> {
            if (connection != null) {
                beat();
            }
        });
        timer.execute(this::closeConnection);
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
