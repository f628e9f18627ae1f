package dev.sluice.postgres.snapshot;

import dev.sluice.core.error.RetriableException;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.ChangeBatch;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.spi.ChangePreparer;
import dev.sluice.core.spi.Confirmations;
import dev.sluice.postgres.PgConnector;
import dev.sluice.postgres.PgErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the initial snapshot's chunks with several connections at once. Every worker imports the
 * snapshot the slot exported, so the union of the chunks is exactly the database at the slot's
 * consistent point. Workers read with {@code COPY ... TO STDOUT}, parse rows and have the
 * listener's {@link ChangePreparer} prepare them (for the pipeline: encode them) in parallel; the
 * caller's thread hands them to the listener in batches, one listener transaction per batch, and
 * learns through {@link Confirmations#whenAcknowledged} when a chunk's last batch was acknowledged.
 */
public final class ParallelSnapshotReader {

    private static final Logger LOG = LoggerFactory.getLogger(ParallelSnapshotReader.class);
    private static final int BATCH_ROWS = 512;
    private static final int QUEUED_BATCHES_PER_WORKER = 8;
    /** How often (in rows, minus one) a long COPY checks whether Sluice is stopping. */
    private static final long STOP_CHECK_MASK = 1023;
    private static final long POLL_MILLIS = 50;

    private final PgConnector connector;
    private final int workers;

    public ParallelSnapshotReader(PgConnector connector, int workers) {
        this.connector = connector;
        this.workers = workers;
    }

    /**
     * Reads {@code chunks} as of {@code snapshotName}; {@code delivered} is told each chunk's index
     * once the sink acknowledged all its rows. Returns the rows read. The caller keeps the
     * exporting connection idle until this returns.
     */
    public long read(String snapshotName, Lsn consistentPoint, List<PlannedChunk> chunks, Map<TableId, RowSchema> schemas,
            ChangeListener listener, Confirmations confirmations, BooleanSupplier running, IntConsumer delivered,
            SnapshotProgress progress) {
        ConcurrentLinkedQueue<PlannedChunk> todo = new ConcurrentLinkedQueue<>(chunks);
        int threads = Math.max(1, Math.min(workers, chunks.size()));
        BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(threads * QUEUED_BATCHES_PER_WORKER);
        AtomicBoolean stop = new AtomicBoolean();
        BooleanSupplier go = () -> !stop.get() && running.getAsBoolean();
        Map<TableId, Long> chunksLeftPerTable = new java.util.HashMap<>();
        chunks.forEach(c -> chunksLeftPerTable.merge(c.table(), 1L, Long::sum));
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Worker worker = new Worker(snapshotName, consistentPoint, todo, schemas, listener.preparer(), batches, go);
            Thread thread = new Thread(worker, "sluice-snapshot-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        LOG.info("reading {} chunks with {} connections", chunks.size(), threads);
        long rows = 0;
        int finished = 0;
        try {
            while (finished < threads) {
                if (!running.getAsBoolean()) {
                    return rows;
                }
                Batch batch = batches.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                confirmations.confirmable();
                progress.report();
                if (batch == null) {
                    continue;
                }
                if (batch.failure != null) {
                    throw batch.failure;
                }
                if (batch.chunk == null) {
                    finished++;
                    continue;
                }
                listener.onBegin();
                listener.onChanges(batch.changes);
                listener.onCommit(Lsn.ZERO);
                int read = batch.changes.events().size();
                rows += read;
                progress.rows(read);
                if (batch.last) {
                    int index = batch.chunk.index();
                    boolean lastOfTable = chunksLeftPerTable.merge(batch.chunk.table(), -1L, Long::sum) == 0;
                    progress.chunkRead(lastOfTable);
                    confirmations.whenAcknowledged(() -> delivered.accept(index));
                }
            }
            progress.finish();
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted during the snapshot", e);
        } finally {
            stop.set(true);
            batches.clear();
            for (Thread thread : started) {
                thread.interrupt();
            }
        }
    }

    /** Rows of one chunk (the last batch of a chunk has {@code last}); a null chunk says a worker finished. */
    private record Batch(PlannedChunk chunk, ChangeBatch changes, boolean last, RuntimeException failure) {

        static Batch finished(RuntimeException failure) {
            return new Batch(null, null, false, failure);
        }
    }

    private final class Worker implements Runnable {
        private final String snapshotName;
        private final Lsn consistentPoint;
        private final ChangePreparer preparer;
        private final ConcurrentLinkedQueue<PlannedChunk> todo;
        private final Map<TableId, RowSchema> schemas;
        private final BlockingQueue<Batch> batches;
        private final BooleanSupplier running;
        private final CopyTextParser parser = new CopyTextParser();

        Worker(String snapshotName, Lsn consistentPoint, ConcurrentLinkedQueue<PlannedChunk> todo,
                Map<TableId, RowSchema> schemas, ChangePreparer preparer, BlockingQueue<Batch> batches, BooleanSupplier running) {
            this.snapshotName = snapshotName;
            this.consistentPoint = consistentPoint;
            this.preparer = preparer;
            this.todo = todo;
            this.schemas = schemas;
            this.batches = batches;
            this.running = running;
        }

        @Override
        public void run() {
            try (Connection connection = connector.open()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    statement.execute("SET TRANSACTION SNAPSHOT '" + snapshotName.replace("'", "''") + "'");
                }
                PlannedChunk chunk;
                while (running.getAsBoolean() && (chunk = todo.poll()) != null) {
                    readChunk(connection, chunk);
                }
                connection.rollback();
                put(Batch.finished(null));
            } catch (SQLException e) {
                offer(Batch.finished(PgErrors.classify(e, "snapshot failed")));
            } catch (RuntimeException e) {
                // Fatal and retriable faults, and whatever preparing a row threw (a value the encoder
                // refuses): the reading thread throws it as the pipeline would have.
                offer(Batch.finished(e));
            } catch (Error e) {
                offer(Batch.finished(new IllegalStateException("snapshot worker failed: " + e, e)));
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void readChunk(Connection connection, PlannedChunk chunk) throws SQLException, InterruptedException {
            long started = System.nanoTime();
            RowSchema schema = schemas.get(chunk.table());
            String sql = "COPY (" + SnapshotQueries.select(schema, chunk.source(), chunk.blocks().predicate()) + ") TO STDOUT";
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            List<ChangeEvent> rows = new ArrayList<>(BATCH_ROWS);
            long count = 0;
            byte[] line;
            while ((line = copy.readFromCopy()) != null) {
                Row row = new Row(parser.parse(line, line.length, schema.size()));
                rows.add(new ChangeEvent(Operation.READ, schema, null, row, consistentPoint, 0, 0, true));
                count++;
                if (rows.size() == BATCH_ROWS) {
                    put(new Batch(chunk, preparer.prepare(rows), false, null));
                    rows = new ArrayList<>(BATCH_ROWS);
                }
                if ((count & STOP_CHECK_MASK) == 0 && !running.getAsBoolean()) {
                    copy.cancelCopy();
                    return;
                }
            }
            put(new Batch(chunk, preparer.prepare(rows), true, null));
            LOG.debug("chunk {} of {} (blocks {}): {} rows in {} ms", chunk.index(), chunk.source(), chunk.blocks(), count,
                    (System.nanoTime() - started) / 1_000_000);
        }

        private void put(Batch batch) throws InterruptedException {
            while (!batches.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!running.getAsBoolean()) {
                    throw new InterruptedException("snapshot stopping");
                }
            }
        }

        private void offer(Batch batch) {
            try {
                put(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
