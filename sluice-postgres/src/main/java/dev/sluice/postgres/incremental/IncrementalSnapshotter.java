package dev.sluice.postgres.incremental;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.QualifiedName;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.postgres.PgErrors;
import dev.sluice.postgres.catalog.CapturedTable;
import dev.sluice.postgres.catalog.RowSchemas;
import dev.sluice.postgres.snapshot.BlockRange;
import dev.sluice.postgres.snapshot.CopyTextParser;
import dev.sluice.postgres.snapshot.SnapshotPlanner;
import dev.sluice.postgres.snapshot.TableSize;
import dev.sluice.postgres.snapshot.JobCursor;
import dev.sluice.postgres.snapshot.SnapshotJob;
import dev.sluice.postgres.snapshot.SnapshotOptions;
import dev.sluice.postgres.snapshot.SnapshotQueries;
import dev.sluice.postgres.snapshot.SnapshotState;
import dev.sluice.postgres.snapshot.SnapshotStateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incremental snapshots while the stream flows, after Netflix's DBLog. Per chunk: write a low
 * watermark, select the chunk (by key order, or by block range), write a high watermark. When the
 * stream reaches the low watermark, changes to the chunk's table are watched; when it reaches the
 * high one, the chunk's rows whose key the stream changed in between are dropped and the rest are
 * emitted right there, as reads. Nothing is locked and no writer waits.
 *
 * <p>A job's progress is persisted once the sink acknowledged its chunk, before the position
 * after it is confirmed to the slot: a crash repeats at most the chunk in flight. Requests
 * (snapshot, pause, resume, cancel) arrive as rows of {@link ControlSchema#REQUESTS} in the stream.
 * Driven by the replication stream's thread only.
 */
public final class IncrementalSnapshotter {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSnapshotter.class);
    private static final String WRITE_WATERMARK = """
            INSERT INTO sluice.watermarks (slot, mark, kind) VALUES (?, ?, ?)
            ON CONFLICT (slot) DO UPDATE SET mark = EXCLUDED.mark, kind = EXCLUDED.kind, written_at = now()""";

    private final Connection connection;
    private final RowSchemas schemas;
    private final Map<TableId, CapturedTable> captured;
    private final SnapshotStateStore store;
    private final SnapshotOptions options;
    private final String slot;
    private final Runnable initialComplete;
    private final CopyTextParser parser = new CopyTextParser();
    private final Deque<Delivery> awaiting = new ArrayDeque<>();
    /** Row schemas of the tables being snapshotted, read once; dropped when the stream describes the table anew. */
    private final Map<TableId, RowSchema> rowSchemas = new java.util.HashMap<>();
    private final SnapshotState state;
    private ChunkWindow active;
    private long nextChunkAt = System.nanoTime();
    private boolean dirty;
    private boolean initialWasLeft;
    private boolean synchronousCommit;
    /**
     * Transactions running when this run altered the publication: their changes are decoded with
     * the publication as it was when they began (so a table just added is not published for them),
     * so no chunk is read before the last of them ended and its rows are visible to the chunk.
     */
    private long olderTransactionsBarrier = -1;
    private boolean waitLogged;
    /** For metrics, read from other threads. */
    private volatile long rowsEmitted;
    private volatile int jobCount;

    /** {@code initialComplete}: run once the jobs finishing an interrupted initial snapshot are all delivered. */
    public IncrementalSnapshotter(Connection connection, RowSchemas schemas, Map<TableId, CapturedTable> captured,
            SnapshotState state, SnapshotStateStore store, SnapshotOptions options, String slot, Runnable initialComplete) {
        this.connection = connection;
        this.schemas = schemas;
        this.captured = captured;
        this.state = state;
        this.store = store;
        this.options = options;
        this.slot = slot;
        this.initialComplete = initialComplete;
        this.initialWasLeft = state.initialWorkLeft();
    }

    /** Queues a snapshot of a table (e.g. one new to the capture list), unless one with this id is queued. */
    public void schedule(String id, TableId table, String condition, String origin) {
        if (state.has(id)) {
            return;
        }
        CapturedTable t = captured.get(table);
        if (t == null) {
            LOG.warn("snapshot {} of {} ignored: the table is not captured", id, table);
            return;
        }
        if (!t.keyed() && t.partitioned()) {
            LOG.warn("snapshot {} of {} refused: a partitioned table without a primary key cannot be snapshotted incrementally;"
                    + " add a primary key", id, table);
            return;
        }
        if (!t.keyed() && t.replicaIdentity() != 'f') {
            LOG.warn("snapshot {} of {} refused: the table has neither a primary key nor REPLICA IDENTITY FULL, so changes"
                    + " made during the snapshot could not be told apart from its rows; ALTER TABLE {} REPLICA IDENTITY FULL",
                    id, table, table.quoted());
            return;
        }
        SnapshotJob job = t.keyed()
                ? new SnapshotJob(id, table, condition, origin, SnapshotJob.Kind.KEYSET, JobCursor.keysetStart())
                : new SnapshotJob(id, table, condition, origin, SnapshotJob.Kind.BLOCKS, JobCursor.blocks(blockChunks(t)));
        state.add(job);
        dirty = true;
        LOG.info("incremental snapshot {} queued{}", job, state.paused() ? " (snapshots are paused)" : "");
    }

    private boolean olderTransactionsEnded() {
        if (olderTransactionsBarrier < 0) {
            return true;
        }
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery("SELECT txid_snapshot_xmin(txid_current_snapshot())")) {
            rs.next();
            if (rs.getLong(1) >= olderTransactionsBarrier) {
                olderTransactionsBarrier = -1;
                return true;
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the running transactions");
        }
        nextChunkAt = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100);
        if (!waitLogged) {
            waitLogged = true;
            LOG.info("incremental snapshots wait for the transactions that were running when the publication changed to end");
        }
        return false;
    }

    /** A table without key is read in block ranges of about a chunk's rows each (one range before PostgreSQL 14). */
    private List<BlockRange> blockChunks(CapturedTable table) {
        SnapshotPlanner planner = new SnapshotPlanner(connection);
        if (!planner.rangeScans()) {
            return List.of(BlockRange.WHOLE);
        }
        TableSize size = planner.size(table.oid(), table.id());
        return BlockRange.WHOLE.split(size.blocksFor(options.incrementalChunkRows()), size.blocks());
    }

    /** Called once the publication holds the captured tables: chunks wait for the transactions running now. */
    public void publicationChanged() {
        try (java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet rs = statement.executeQuery("SELECT txid_snapshot_xmax(txid_current_snapshot())")) {
            rs.next();
            olderTransactionsBarrier = rs.getLong(1);
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the running transactions");
        }
    }

    /** Rows emitted by incremental snapshots so far; callable from any thread. */
    public long rowsEmitted() {
        return rowsEmitted;
    }

    /** Incremental snapshots queued or running, as of the last poll; callable from any thread. */
    public int jobs() {
        return jobCount;
    }

    /** Between transactions: starts the next chunk when none is in its window, unless paused or throttled. */
    public void poll() {
        jobCount = state.jobs().size();
        if (active != null || state.paused() || System.nanoTime() < nextChunkAt || !state.hasJobs()
                || !olderTransactionsEnded()) {
            return;
        }
        for (SnapshotJob job : state.jobs()) {
            if (job.live().done()) {
                continue;
            }
            CapturedTable table = captured.get(job.table());
            if (table == null) {
                LOG.warn("incremental snapshot {} dropped: the table is no longer captured", job);
                state.remove(job.id());
                dirty = true;
                return;
            }
            startChunk(job, table);
            return;
        }
    }

    /** The stream described {@code table} (after an ALTER TABLE, say): its next chunk reads the catalog again. */
    public void relationChanged(TableId table) {
        rowSchemas.remove(table);
    }

    /** Watches a captured table's change on its way to the listener. */
    public void observe(ChangeEvent event) {
        if (active != null) {
            active.observe(event);
        }
    }

    /** A change to one of the control tables, inside its transaction: a watermark or a request. */
    public void onControl(ChangeEvent event, ChangeListener listener) {
        if (event.after() == null) {
            return;
        }
        if (event.table().equals(ControlSchema.WATERMARKS)) {
            onWatermark(event, listener);
        } else if (event.table().equals(ControlSchema.REQUESTS)) {
            onRequest(event);
        }
    }

    /** A transaction ended at {@code endLsn}: chunks emitted in it become confirmable with it. */
    public void onCommit(Lsn endLsn) {
        for (Delivery delivery : awaiting) {
            if (delivery.lsn == null) {
                delivery.lsn = endLsn;
            }
        }
    }

    /**
     * The slot is about to be confirmed at {@code lsn}: records the chunks delivered up to it, so that
     * a later crash does not read them again.
     */
    public void beforeConfirm(Lsn lsn) {
        while (!awaiting.isEmpty() && awaiting.peek().lsn != null && !awaiting.peek().lsn.isAfter(lsn)) {
            Delivery delivery = awaiting.poll();
            SnapshotJob job = delivery.job;
            job.deliver(delivery.cursor);
            dirty = true;
            if (delivery.cursor.done()) {
                state.remove(job.id());
                LOG.info("incremental snapshot {} complete: {} rows in {} chunks", job, delivery.cursor.rows(),
                        delivery.cursor.chunks());
            }
        }
        if (dirty) {
            store.save(state);
            dirty = false;
        }
        if (initialWasLeft && !state.initialWorkLeft()) {
            initialWasLeft = false;
            initialComplete.run();
        }
    }

    private void startChunk(SnapshotJob job, CapturedTable table) {
        RowSchema schema = rowSchemas.computeIfAbsent(table.id(), id -> schemas.fromCatalog(id, table.oid()));
        String low = UUID.randomUUID().toString();
        String high = UUID.randomUUID().toString();
        try {
            if (!synchronousCommit) {
                // The walsender sends only flushed WAL: an asynchronous commit would reach the stream up to
                // wal_writer_delay later, and every chunk would wait that long for its watermarks.
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("SET synchronous_commit = local");
                }
                synchronousCommit = true;
            }
            writeWatermark(low, "low");
            List<Row> rows = select(job, schema);
            writeWatermark(high, "high");
            boolean full = job.kind() == SnapshotJob.Kind.KEYSET && rows.size() >= options.incrementalChunkRows();
            active = new ChunkWindow(job, schema, low, high, rows, full);
        } catch (SQLException e) {
            throw PgErrors.classify(e, "incremental snapshot " + job + " failed");
        }
    }

    private List<Row> select(SnapshotJob job, RowSchema schema) throws SQLException {
        List<String> conditions = new ArrayList<>();
        if (job.condition() != null) {
            conditions.add("(" + job.condition() + ")");
        }
        String order = "";
        if (job.kind() == SnapshotJob.Kind.KEYSET) {
            String key = "(" + java.util.Arrays.stream(schema.keyIndexes())
                    .mapToObj(i -> QualifiedName.quote(schema.column(i).name())).collect(Collectors.joining(", ")) + ")";
            List<String> after = job.live().afterKey();
            if (after != null) {
                conditions.add(key + " > (" + after.stream().map(QualifiedName::literal).collect(Collectors.joining(", ")) + ")");
            }
            order = " ORDER BY " + key.substring(1, key.length() - 1) + " LIMIT " + options.incrementalChunkRows();
        } else {
            conditions.add(job.live().ranges().get(0).predicate());
        }
        boolean throughRoot = job.kind() == SnapshotJob.Kind.KEYSET && captured.get(job.table()).partitioned();
        String sql = "COPY (" + SnapshotQueries.select(schema, job.source(),
                conditions.isEmpty() ? "true" : String.join(" AND ", conditions), !throughRoot) + order + ") TO STDOUT";
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        List<Row> rows = new ArrayList<>();
        byte[] line;
        while ((line = copy.readFromCopy()) != null) {
            rows.add(new Row(parser.parse(line, line.length, schema.size())));
        }
        return rows;
    }

    private void writeWatermark(String mark, String kind) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(WRITE_WATERMARK)) {
            statement.setString(1, slot);
            statement.setString(2, mark);
            statement.setString(3, kind);
            statement.executeUpdate();
        }
    }

    private void onWatermark(ChangeEvent event, ChangeListener listener) {
        if (active == null || !slot.equals(column(event, "slot"))) {
            return;
        }
        String mark = column(event, "mark");
        if (active.isLow(mark)) {
            active.open();
        } else if (active.isHigh(mark)) {
            emit(event, listener);
        }
    }

    /** At the high watermark: the chunk's surviving rows go out inside the watermark's transaction. */
    private void emit(ChangeEvent watermark, ChangeListener listener) {
        ChunkWindow window = active;
        active = null;
        SnapshotJob job = window.job();
        if (!state.has(job.id())) {
            return; // cancelled while its chunk was in the window
        }
        List<Row> rows = window.survivors();
        for (Row row : rows) {
            listener.onChange(new ChangeEvent(Operation.READ, window.schema(), null, row, watermark.lsn(), watermark.txId(),
                    watermark.commitTimeMicros(), true));
        }
        JobCursor next = job.kind() == SnapshotJob.Kind.KEYSET
                ? job.live().afterKeysetChunk(window.full() ? window.lastKey() : null, rows.size())
                : job.live().afterBlockChunk(rows.size());
        job.advance(next);
        rowsEmitted += rows.size();
        awaiting.add(new Delivery(job, next));
        if (options.incrementalRowsPerSecond() > 0) {
            nextChunkAt = System.nanoTime() + window.selected() * 1_000_000_000L / options.incrementalRowsPerSecond();
        }
        LOG.debug("incremental snapshot {}: chunk {} emitted {} of {} rows", job, next.chunks(), rows.size(), window.selected());
    }

    private void onRequest(ChangeEvent event) {
        long id = Long.parseLong(column(event, "id"));
        String target = column(event, "slot");
        if (id <= state.lastRequest() || target != null && !target.equals(slot)) {
            return;
        }
        state.lastRequest(id);
        dirty = true;
        String action = column(event, "action");
        switch (action) {
            case "snapshot" -> schedule("request-" + id, new TableId(column(event, "schema_name"), column(event, "table_name")),
                    column(event, "condition"), "request");
            case "pause" -> {
                state.paused(true);
                LOG.info("incremental snapshots paused (request {})", id);
            }
            case "resume" -> {
                state.paused(false);
                LOG.info("incremental snapshots resumed (request {})", id);
            }
            case "cancel" -> cancel(id);
            default -> LOG.warn("snapshot request {} has an unknown action {}; ignored", id, action);
        }
    }

    /** Drops the requested and added jobs; those finishing an interrupted initial snapshot go on: without them data is missing. */
    private void cancel(long request) {
        List<SnapshotJob> cancelled = state.jobs().stream().filter(j -> !j.initial()).toList();
        cancelled.forEach(j -> state.remove(j.id()));
        awaiting.removeIf(d -> !d.job.initial());
        LOG.info("incremental snapshots cancelled (request {}): {}", request,
                cancelled.isEmpty() ? "none was running" : cancelled.stream().map(SnapshotJob::toString).collect(Collectors.joining(", ")));
        if (state.jobs().stream().anyMatch(SnapshotJob::initial)) {
            LOG.info("the snapshot finishing the interrupted initial snapshot goes on: without it rows would be missing");
        }
    }

    private static String column(ChangeEvent event, String name) {
        return ControlSchema.value(event, event.after(), name);
    }

    /** A chunk emitted and waiting for the sink; {@code lsn} is its transaction's end, known at commit. */
    private static final class Delivery {
        final SnapshotJob job;
        final JobCursor cursor;
        Lsn lsn;

        Delivery(SnapshotJob job, JobCursor cursor) {
            this.job = job;
            this.cursor = cursor;
        }
    }
}
