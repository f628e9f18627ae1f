package dev.sluice.postgres;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.spi.Confirmations;
import dev.sluice.core.spi.OffsetStore;
import dev.sluice.core.spi.Source;
import dev.sluice.core.spi.SourcePosition;
import dev.sluice.postgres.catalog.CapturedTable;
import dev.sluice.postgres.catalog.RowSchemas;
import dev.sluice.postgres.catalog.TableCatalog;
import dev.sluice.postgres.replication.PublicationManager;
import dev.sluice.postgres.replication.ReplicationStreamer;
import dev.sluice.postgres.replication.ServerCheck;
import dev.sluice.postgres.replication.SlotManager;
import dev.sluice.postgres.replication.SlotStatus;
import dev.sluice.postgres.snapshot.SnapshotReader;
import dev.sluice.postgres.types.PgTypeRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import dev.sluice.core.event.TableId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL as a {@link Source}: checks the server, keeps the publication in step with the
 * capture list, creates the slot and reads the initial snapshot on first start, then streams.
 *
 * <p>The initial snapshot is all or nothing: it is marked complete in the {@link OffsetStore}
 * only after the sink acknowledged every row. A run that finds the slot but no completed snapshot
 * drops the slot and starts the snapshot over, so a half snapshot is never followed by streaming.
 * One instance serves one run; the engine makes a new one for each retry.
 */
public final class PostgresSource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSource.class);
    private static final long SLOT_RELEASE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final PostgresSourceConfig config;
    private final OffsetStore offsets;
    private final PgConnector connector;
    private final SlotManager slots;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile ReplicationStreamer streamer;
    private Connection catalog;
    private Connection replication;

    public PostgresSource(PostgresSourceConfig config, OffsetStore offsets) {
        this.config = config;
        this.offsets = offsets;
        this.connector = new PgConnector(config);
        this.slots = new SlotManager(config.slot());
    }

    @Override
    public void run(ChangeListener listener, Confirmations confirmations) {
        catalog = connector.open();
        Optional<SlotStatus> slot = slots.status(catalog);
        ServerCheck.check(catalog, connector.target(), slot.isPresent());
        connected = true;
        List<CapturedTable> tables = new TableCatalog(catalog).resolve(config.tables(), config.schemas());
        UnkeyedTables.check(tables, config.allowUnkeyed());
        PublicationManager publicationManager = new PublicationManager(config.publication(), config.insertOnlyPublication());
        Set<TableId> published = publicationManager.published(catalog);
        List<String> publications = publicationManager.ensure(catalog, tables);
        RowSchemas schemas = new RowSchemas(catalog, PgTypeRegistry.load(catalog));
        Lsn start = prepareSlot(slot, tables, schemas, listener, confirmations);
        if (start.isZero()) {
            warnAboutAddedTables(tables, published);
        }
        if (!running) {
            return;
        }
        if (replication == null) {
            replication = connector.openReplication();
        }
        streamer = new ReplicationStreamer(replication, config.slot(), publications, schemas,
                config.statusInterval(), config.heartbeatInterval());
        streamer.run(start, listener, confirmations, () -> running, this::recordPosition);
    }

    /**
     * Forgets everything of a previous run: drops the slot (refusing while another process streams
     * from it) and clears the stored position, so the next run starts with a new snapshot.
     */
    public static void reset(PostgresSourceConfig config, OffsetStore offsets) {
        PgConnector connector = new PgConnector(config);
        SlotManager slots = new SlotManager(config.slot());
        try (Connection connection = connector.open()) {
            Optional<SlotStatus> slot = slots.status(connection);
            if (slot.isPresent() && slot.get().active()) {
                throw new FatalException("cannot reset: slot \"" + config.slot() + "\" is active for PID "
                        + slot.get().activePid() + " — another sluice is running on this database; stop it first");
            }
            if (slot.isPresent()) {
                slots.drop(connection);
                LOG.info("reset: dropped slot {} (it was at {})", config.slot(), slot.get().confirmedFlush());
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot reset slot \"" + config.slot() + "\"");
        }
        offsets.clear();
        LOG.info("reset: cleared the stored position; this run starts with a new snapshot");
    }

    /** Decides between resuming and starting over; returns the position to stream from (ZERO: the slot's). */
    private Lsn prepareSlot(Optional<SlotStatus> slot, List<CapturedTable> tables, RowSchemas schemas,
            ChangeListener listener, Confirmations confirmations) {
        Optional<SourcePosition> stored = offsets.load().filter(p -> p.slot().equals(config.slot()));
        if (slot.isPresent()) {
            SlotStatus status = awaitInactive(slot.get());
            requireUsable(status);
            if (!config.snapshot() || stored.map(SourcePosition::snapshotComplete).orElse(false)) {
                LOG.info("resuming from slot {} at {}", config.slot(), status.confirmedFlush());
                return Lsn.ZERO;
            }
            LOG.warn("slot {} exists but its initial snapshot never completed (no record of it in {}); "
                    + "dropping the slot and starting the snapshot over", config.slot(), describeStore());
            slots.drop(catalog);
        } else if (stored.map(SourcePosition::snapshotComplete).orElse(false)) {
            throw new FatalException("replication slot \"" + config.slot() + "\" is gone (it was at "
                    + stored.get().confirmed() + "): the changes since then are lost to Sluice; "
                    + "restart with --reset to take a new snapshot and start over");
        }
        return createSlot(tables, schemas, listener, confirmations);
    }

    /** Resuming: a table new to the capture list streams from now on, but nothing reads its existing rows. */
    private static void warnAboutAddedTables(List<CapturedTable> tables, Set<TableId> published) {
        for (CapturedTable table : tables) {
            if (!published.contains(table.id())) {
                LOG.warn("table {} was added to the capture list: its changes are captured from now on, but its existing "
                        + "rows are not; run with --reset to take a new snapshot of every table", table.id());
            }
        }
    }

    private Lsn createSlot(List<CapturedTable> tables, RowSchemas schemas, ChangeListener listener, Confirmations confirmations) {
        replication = connector.openReplication();
        SlotManager.CreatedSlot created = slots.create(replication);
        LOG.info("created slot {} at {}", config.slot(), created.consistentPoint());
        SourcePosition position = new SourcePosition(config.slot(), created.consistentPoint(), false, created.consistentPoint());
        offsets.save(position);
        if (config.snapshot()) {
            LOG.info("initial snapshot of {} tables at {}", tables.size(), created.consistentPoint());
            long rows = new SnapshotReader(connector, schemas)
                    .read(created.snapshotName(), created.consistentPoint(), tables, listener, () -> running);
            awaitAcknowledged(confirmations);
            if (!running) {
                return created.consistentPoint();
            }
            LOG.info("initial snapshot complete: {} rows acknowledged by the sink", rows);
        }
        offsets.save(position.withSnapshotComplete());
        return created.consistentPoint();
    }

    private void awaitAcknowledged(Confirmations confirmations) {
        while (running && !confirmations.idle()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** A slot held by a process that just died is released within moments; a live one is a second Sluice. */
    private SlotStatus awaitInactive(SlotStatus status) {
        long deadline = System.nanoTime() + SLOT_RELEASE_WAIT_NANOS;
        SlotStatus current = status;
        while (current.active() && System.nanoTime() < deadline && running) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            current = slots.status(catalog).orElse(current);
        }
        if (current.active()) {
            throw new FatalException("slot \"" + config.slot() + "\" is active for PID " + current.activePid()
                    + " — another sluice is running on this database; stop it or pick another slot");
        }
        return current;
    }

    private void requireUsable(SlotStatus status) {
        if (!"pgoutput".equals(status.plugin())) {
            throw new FatalException("slot \"" + config.slot() + "\" uses plugin " + status.plugin()
                    + ", not pgoutput; it is not Sluice's: pick another slot name");
        }
        String database = currentDatabase();
        if (!database.equals(status.database())) {
            throw new FatalException("slot \"" + config.slot() + "\" belongs to database " + status.database()
                    + ", not " + database + "; pick another slot name");
        }
        if (status.lost()) {
            throw new FatalException("slot \"" + config.slot() + "\" has lost WAL it needs (wal_status = lost): "
                    + "changes were lost to Sluice; restart with --reset to take a new snapshot");
        }
    }

    private String currentDatabase() {
        try {
            return catalog.getCatalog();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the current database");
        }
    }

    private void recordPosition(Lsn confirmed) {
        offsets.load().ifPresent(p -> {
            if (confirmed.isAfter(p.confirmed())) {
                offsets.save(p.withConfirmed(confirmed));
            }
        });
    }

    private String describeStore() {
        return offsets instanceof dev.sluice.core.offset.FileOffsetStore file ? file.file().toString() : "the offset store";
    }

    /** True once the server was reached and passed the checks: later faults are worth retrying. */
    public boolean reachedStream() {
        return connected;
    }

    @Override
    public void keepAlive() {
        ReplicationStreamer current = streamer;
        if (current != null) {
            current.keepAlive();
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void close() {
        running = false;
        closeQuietly(replication);
        closeQuietly(catalog);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection failed: {}", e.getMessage());
            }
        }
    }
}
