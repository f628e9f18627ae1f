package dev.sluice.postgres;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.spi.Confirmations;
import dev.sluice.core.spi.OffsetStore;
import dev.sluice.core.spi.Source;
import dev.sluice.core.spi.SourcePosition;
import dev.sluice.core.transform.CaptureRule;
import dev.sluice.postgres.catalog.CapturedTable;
import dev.sluice.postgres.control.ControlObserver;
import dev.sluice.postgres.control.ControlPlane;
import dev.sluice.postgres.control.ControlStream;
import dev.sluice.postgres.control.Suspension;
import dev.sluice.postgres.catalog.RowSchemas;
import dev.sluice.postgres.catalog.TableCatalog;
import dev.sluice.postgres.replication.PublicationManager;
import dev.sluice.postgres.replication.ReplicationStreamer;
import dev.sluice.postgres.replication.ServerCheck;
import dev.sluice.postgres.replication.SlotManager;
import dev.sluice.postgres.replication.SlotStatus;
import dev.sluice.core.event.RowSchema;
import dev.sluice.postgres.incremental.ControlSchema;
import dev.sluice.postgres.incremental.IncrementalSnapshotter;
import dev.sluice.postgres.snapshot.ParallelSnapshotReader;
import dev.sluice.postgres.snapshot.PlannedChunk;
import dev.sluice.postgres.snapshot.SnapshotOptions;
import dev.sluice.postgres.snapshot.SnapshotPlanner;
import dev.sluice.postgres.snapshot.SnapshotProgress;
import dev.sluice.postgres.snapshot.SnapshotState;
import dev.sluice.postgres.snapshot.SnapshotStateStore;
import dev.sluice.postgres.snapshot.TableSize;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>The initial snapshot is read in parallel chunks, each recorded once the sink acknowledged it;
 * it is marked complete in the {@link OffsetStore} only after every row was acknowledged. A run
 * that finds the slot with an unfinished snapshot streams from it and reads the chunks not yet
 * delivered as incremental snapshots, so a half snapshot is never followed by streaming alone. One
 * instance serves one run; the engine makes a new one for each retry.
 */
public final class PostgresSource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSource.class);
    private static final long SLOT_RELEASE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final PostgresSourceConfig config;
    private final OffsetStore offsets;
    private final PgConnector connector;
    private final SlotManager slots;
    private final SnapshotStateStore snapshotStore;
    private final ControlObserver observer;
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile ReplicationStreamer streamer;
    private Connection catalog;
    private ChangeListener listener;
    private SkippedChanges skipped;
    private Connection replication;
    private volatile Suspension suspension;
    private volatile boolean managed;
    private volatile SnapshotProgress initialProgress;
    private volatile IncrementalSnapshotter incremental;

    public PostgresSource(PostgresSourceConfig config, OffsetStore offsets) {
        this(config, offsets, ControlObserver.NONE);
    }

    /** {@code observer}: told of the capture list and sink connectors when the control plane is installed. */
    public PostgresSource(PostgresSourceConfig config, OffsetStore offsets, ControlObserver observer) {
        this.observer = observer;
        this.config = config;
        this.offsets = offsets;
        this.connector = new PgConnector(config);
        this.slots = new SlotManager(config.slot());
        this.snapshotStore = SnapshotStateStore.forSlot(config.snapshots().stateDir(), config.slot());
    }

    @Override
    public void run(ChangeListener listener, Confirmations confirmations) {
        catalog = connector.open();
        Optional<SlotStatus> slot = slots.status(catalog);
        ServerCheck.check(catalog, connector.target(), slot.isPresent());
        connected = true;
        if (config.viaPartitionRoot() && serverMajor() < 13) {
            throw new FatalException("publish-via-partition-root needs PostgreSQL 13 or later; this server is "
                    + serverMajor() + ": capture the leaf partitions instead (publish-via-partition-root: false)");
        }
        managed = ControlPlane.installed(catalog);
        List<CaptureRule> rules = managed ? ControlPlane.captureList(catalog) : List.of();
        if (managed) {
            Optional<Suspension> asked = ControlPlane.suspension(catalog, config.slot());
            if (asked.isPresent()) {
                LOG.info("Sluice is suspended (sluice.suspend()); sluice.resume() continues");
                suspension = asked.get();
                return;
            }
        }
        List<CapturedTable> tables = managed ? managedTables(rules) : new TableCatalog(catalog).resolve(config.tables(),
                config.schemas(), config.viaPartitionRoot());
        UnkeyedTables.check(tables, config.allowUnkeyed());
        this.listener = listener;
        this.skipped = new SkippedChanges(catalog, tables);
        ControlSchema.install(catalog);
        rules.forEach(rule -> listener.onCaptureRule(rule.table(), rule));
        if (managed) {
            observer.captureChanged(rules);
            observer.connectorsLoaded(ControlPlane.connectors(catalog));
        }
        PublicationManager publicationManager = new PublicationManager(config.publication(), config.insertOnlyPublication(),
                serverMajor() >= 13 ? config.viaPartitionRoot() : null);
        Set<TableId> published = publicationManager.published(catalog);
        List<TableId> controlTables = new java.util.ArrayList<>(ControlSchema.TABLES);
        if (managed) {
            controlTables.addAll(ControlPlane.STREAMED);
        }
        List<String> publications = publicationManager.ensure(catalog, tables, controlTables);
        RowSchemas schemas = new RowSchemas(catalog, PgTypeRegistry.load(catalog));
        Start start = prepareSlot(slot, tables, schemas, listener, confirmations);
        if (!running) {
            return;
        }
        Map<TableId, CapturedTable> captured = new LinkedHashMap<>();
        tables.forEach(t -> captured.put(t.id(), t));
        IncrementalSnapshotter snapshotter = new IncrementalSnapshotter(catalog, schemas, captured, start.snapshots(),
                snapshotStore, config.snapshots(), config.slot(), this::initialSnapshotFinished);
        snapshotter.publicationChanged();
        incremental = snapshotter;
        if (start.resumed() && config.snapshot()) {
            for (CapturedTable table : tables) {
                if (!published.contains(table.id())) {
                    LOG.info("table {} was added to the capture list: its changes are captured from now on, and an"
                            + " incremental snapshot reads its existing rows", table.id());
                    snapshotter.schedule("added-" + table.id(), table.id(), null, "added");
                }
            }
        }
        if (replication == null) {
            replication = connector.openReplication();
        }
        ControlStream control = managed ? new ControlStream(config.slot(), catalog, captured, snapshotter, observer, rules,
                config.snapshot()) : null;
        streamer = new ReplicationStreamer(replication, config.slot(), publications, schemas,
                config.statusInterval(), config.heartbeatInterval(), snapshotter, control);
        streamer.run(start.lsn(), listener, confirmations, () -> running && (control == null || control.suspension() == null),
                this::recordPosition);
        if (control != null) {
            suspension = control.suspension();
        }
    }

    /** The capture list of {@code sluice.capture}; its partitioned tables as configured (leaves, or roots). */
    private List<CapturedTable> managedTables(List<CaptureRule> rules) {
        if (rules.isEmpty()) {
            LOG.info("the capture list sluice.capture is empty: add tables with SELECT sluice.add_table('public', 'orders')");
            return List.of();
        }
        return new TableCatalog(catalog, TableCatalog.CONTROL_PLANE_LIST).resolve(rules.stream().map(CaptureRule::table).toList(),
                List.of(), config.viaPartitionRoot());
    }

    /**
     * Why the last {@link #run} returned, if it was {@code sluice.suspend()}: the stream stopped
     * after the transaction that asked, with everything before it confirmed.
     */
    public Optional<Suspension> suspension() {
        return Optional.ofNullable(suspension);
    }

    /** Whether the replication stream runs (the initial snapshot, if any, is done). */
    public boolean streaming() {
        return streamer != null && running;
    }

    /** The initial snapshot's progress, if this run takes one. */
    public Optional<SnapshotProgress> initialSnapshot() {
        return Optional.ofNullable(initialProgress);
    }

    /** The incremental snapshots, once streaming. */
    public Optional<IncrementalSnapshotter> incrementalSnapshots() {
        return Optional.ofNullable(incremental);
    }

    /** Whether the capture list is {@code sluice.capture} (the control plane is installed); known once {@link #run} started. */
    public boolean managed() {
        return managed;
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
        SnapshotStateStore.forSlot(config.snapshots().stateDir(), config.slot()).clear();
        LOG.info("reset: cleared the stored position; this run starts with a new snapshot");
    }

    /** Where streaming starts (ZERO: the slot's confirmed position), and the snapshots still to finish. */
    private record Start(Lsn lsn, SnapshotState snapshots, boolean resumed) {
    }

    /** Decides between resuming and starting over. */
    private Start prepareSlot(Optional<SlotStatus> slot, List<CapturedTable> tables, RowSchemas schemas,
            ChangeListener listener, Confirmations confirmations) {
        Optional<SourcePosition> stored = offsets.load().filter(p -> p.slot().equals(config.slot()));
        if (slot.isPresent()) {
            SlotStatus status = awaitInactive(slot.get());
            requireUsable(status);
            Optional<SnapshotState> saved = stored.flatMap(p -> snapshotStore.load()
                    .filter(s -> s.slot().equals(config.slot()) && s.consistentPoint().equals(p.consistentPoint())));
            if (!config.snapshot() || stored.map(SourcePosition::snapshotComplete).orElse(false)) {
                LOG.info("resuming from slot {} at {}", config.slot(), status.confirmedFlush());
                return new Start(Lsn.ZERO, saved.orElse(SnapshotState.empty(config.slot(), status.confirmedFlush())), true);
            }
            if (saved.isPresent() && saved.get().initialWorkLeft()) {
                SnapshotState state = continueInitial(saved.get(), tables);
                LOG.info("resuming from slot {} at {}", config.slot(), status.confirmedFlush());
                return new Start(Lsn.ZERO, state, false);
            }
            LOG.warn("slot {} exists but its initial snapshot never completed (no record of its progress in {}); "
                    + "dropping the slot and starting the snapshot over", config.slot(), describeStore());
            slots.drop(catalog);
        } else if (stored.map(SourcePosition::snapshotComplete).orElse(false)) {
            throw new FatalException("replication slot \"" + config.slot() + "\" is gone (it was at "
                    + stored.get().confirmed() + "): the changes since then are lost to Sluice; "
                    + "restart with --reset to take a new snapshot and start over");
        }
        return createSlot(tables, schemas, listener, confirmations);
    }

    /**
     * The previous run died during the initial snapshot: its undelivered chunks are read by
     * incremental snapshots while the slot streams from the snapshot's point, so what was delivered
     * is not read again and the changes since (deletes included) reach the sink.
     */
    private SnapshotState continueInitial(SnapshotState saved, List<CapturedTable> tables) {
        if (saved.initialPlan().isEmpty()) {
            LOG.info("continuing the interrupted initial snapshot incrementally: {}", saved);
            return saved;
        }
        Map<TableId, Integer> heapOids = new LinkedHashMap<>();
        tables.forEach(t -> t.heaps().forEach(h -> heapOids.put(h.id(), h.oid())));
        SnapshotPlanner planner = new SnapshotPlanner(catalog);
        Map<TableId, TableSize> sizes = new LinkedHashMap<>();
        java.util.function.Function<TableId, TableSize> size = table -> sizes.computeIfAbsent(table,
                t -> heapOids.containsKey(t) ? planner.size(heapOids.get(t), t) : new TableSize(0, 0));
        int left = saved.initialChunksLeft().size();
        int total = saved.initialPlan().size();
        SnapshotState state = saved.continueInitialIncrementally(
                t -> planner.rangeScans() ? size.apply(t).blocksFor(config.snapshots().incrementalChunkRows()) : Long.MAX_VALUE / 4,
                t -> size.apply(t).blocks());
        snapshotStore.save(state);
        LOG.warn("the initial snapshot was interrupted with {} of {} chunks delivered; the other {} are read by incremental"
                + " snapshots while streaming from the snapshot's point, so rows changed or deleted since are right",
                total - left, total, left);
        return state;
    }
    private Start createSlot(List<CapturedTable> tables, RowSchemas schemas, ChangeListener listener,
            Confirmations confirmations) {
        replication = connector.openReplication();
        SlotManager.CreatedSlot created = slots.create(replication);
        Lsn point = created.consistentPoint();
        LOG.info("created slot {} at {}", config.slot(), point);
        SourcePosition position = new SourcePosition(config.slot(), point, false, point);
        snapshotStore.clear();
        offsets.save(position);
        if (config.snapshot()) {
            SnapshotOptions options = config.snapshots();
            SnapshotPlanner.Plan planned = new SnapshotPlanner(catalog).plan(tables, options.chunkRows(), options.workers());
            List<PlannedChunk> plan = planned.chunks();
            long estimate = planned.estimatedRows();
            SnapshotState state = new SnapshotState(config.slot(), point, plan, new BitSet());
            snapshotStore.save(state);
            Map<TableId, RowSchema> rowSchemas = new LinkedHashMap<>();
            for (CapturedTable table : tables) {
                rowSchemas.put(table.id(), schemas.fromCatalog(table.id(), table.oid()));
            }
            LOG.info("initial snapshot of {} tables ({} chunks, ~{} rows) at {}", tables.size(), plan.size(), estimate, point);
            SnapshotProgress progress = new SnapshotProgress(estimate, plan.size(), tables.size(), SnapshotProgress.terminalOrNull());
            initialProgress = progress;
            long rows = new ParallelSnapshotReader(connector, options.workers()).read(created.snapshotName(), point, plan,
                    rowSchemas, listener, confirmations, () -> running, index -> {
                        state.initialChunkDelivered(index);
                        snapshotStore.save(state);
                    }, progress);
            awaitAcknowledged(confirmations);
            if (!running) {
                return new Start(point, SnapshotState.empty(config.slot(), point), false);
            }
            LOG.info("initial snapshot complete: {} rows acknowledged by the sink", rows);
        }
        snapshotStore.save(SnapshotState.empty(config.slot(), point));
        offsets.save(position.withSnapshotComplete());
        return new Start(point, SnapshotState.empty(config.slot(), point), false);
    }

    /** The jobs finishing an interrupted initial snapshot were all delivered. */
    private void initialSnapshotFinished() {
        offsets.load().filter(p -> p.slot().equals(config.slot())).ifPresent(p -> offsets.save(p.withSnapshotComplete()));
        LOG.info("initial snapshot complete: the chunks the interrupted run had not delivered are delivered");
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

    private int serverMajor() {
        try {
            return catalog.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the server version");
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
        skipped.report(listener);
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
