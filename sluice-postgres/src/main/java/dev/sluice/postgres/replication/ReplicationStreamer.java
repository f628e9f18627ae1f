package dev.sluice.postgres.replication;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.QualifiedName;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.SchemaChange;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.ChangeListener;
import dev.sluice.core.spi.Confirmations;
import dev.sluice.postgres.PgErrors;
import dev.sluice.postgres.catalog.RowSchemas;
import dev.sluice.postgres.control.ControlPlane;
import dev.sluice.postgres.control.ControlStream;
import dev.sluice.postgres.incremental.ControlSchema;
import dev.sluice.postgres.incremental.IncrementalSnapshotter;
import dev.sluice.postgres.pgoutput.PgOutputDecoder;
import dev.sluice.postgres.pgoutput.PgOutputMessage;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a slot's changes to a listener and confirms positions back to the server.
 *
 * <p>The server disconnects a client that does not answer its keepalives within
 * {@code wal_sender_timeout}: messages are read without blocking, and while the listener waits
 * for the sink {@link #keepAlive()} keeps sending status. A position is confirmed only when
 * {@link Confirmations} reports it: every change at or before it was acknowledged by the sink.
 * While nothing captured is in flight, the position the server last reported (its keepalives
 * move past WAL of other tables and databases) is confirmed every heartbeat interval, so an idle
 * slot does not hold WAL back. Not thread-safe: one thread runs it.
 */
public final class ReplicationStreamer {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationStreamer.class);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long KEEPALIVE_STATUS_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Connection replication;
    private final String slot;
    private final List<String> publications;
    private final RowSchemas schemas;
    private final Duration statusInterval;
    private final Duration heartbeatInterval;
    private final IncrementalSnapshotter snapshotter;
    private final ControlStream control;
    private final PgOutputDecoder decoder = new PgOutputDecoder();
    private final Map<Integer, RowSchema> relations = new HashMap<>();

    private PGReplicationStream stream;
    private Confirmations confirmations;
    private Lsn flushed = Lsn.ZERO;
    private boolean inTransaction;
    private PgOutputMessage.Begin begin;
    private long lastHeartbeat = System.nanoTime();
    private long lastStatus = System.nanoTime();

    public ReplicationStreamer(Connection replication, String slot, List<String> publications, RowSchemas schemas,
            Duration statusInterval, Duration heartbeatInterval, IncrementalSnapshotter snapshotter, ControlStream control) {
        this.snapshotter = snapshotter;
        this.control = control;
        this.replication = replication;
        this.slot = slot;
        this.publications = publications;
        this.schemas = schemas;
        this.statusInterval = statusInterval;
        this.heartbeatInterval = heartbeatInterval;
    }

    /** Streams from {@code start} (ZERO: from the slot's confirmed position) until {@code running} turns false. */
    public void run(Lsn start, ChangeListener listener, Confirmations confirmations, BooleanSupplier running,
            PositionObserver observer) {
        this.confirmations = confirmations;
        this.flushed = start;
        try {
            stream = replication.unwrap(PGConnection.class).getReplicationAPI().replicationStream().logical()
                    .withSlotName(slot)
                    .withStartPosition(LogSequenceNumber.valueOf(start.value()))
                    .withSlotOption("proto_version", "1")
                    .withSlotOption("publication_names", publications.stream().map(QualifiedName::quote).collect(Collectors.joining(",")))
                    .withStatusInterval((int) statusInterval.toMillis(), TimeUnit.MILLISECONDS)
                    .start();
        } catch (SQLException e) {
            throw startFailure(e);
        }
        LOG.info("streaming from slot {} at {} (publications {})", slot, start.isZero() ? "its confirmed position" : start, publications);
        try {
            while (running.getAsBoolean()) {
                ByteBuffer buffer = stream.readPending();
                if (buffer == null) {
                    confirm(observer);
                    if (!inTransaction) {
                        snapshotter.poll();
                    }
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                handle(decoder.decode(buffer), listener);
                if (!inTransaction) {
                    confirm(observer);
                    snapshotter.poll();
                }
            }
            drain(observer);
        } catch (SQLException e) {
            throw PgErrors.classify(e, "replication stream from slot \"" + slot + "\" failed");
        }
    }

    /** On a clean stop, waits a little for the sink's last acks so that the next start repeats less. */
    private void drain(PositionObserver observer) throws SQLException {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (!confirmations.idle() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
        lastHeartbeat = System.nanoTime() - heartbeatInterval.toNanos();
        confirm(observer);
        stream.forceUpdateStatus();
    }

    /** Called while the listener waits for the sink: confirm what was acked and tell the server we are alive. */
    public void keepAlive() {
        if (stream == null || System.nanoTime() - lastStatus < KEEPALIVE_STATUS_NANOS) {
            return;
        }
        try {
            Lsn confirmable = confirmations.confirmable();
            if (confirmable.isAfter(flushed)) {
                setFlushed(confirmable);
            }
            stream.forceUpdateStatus();
            lastStatus = System.nanoTime();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "replication stream from slot \"" + slot + "\" failed");
        }
    }

    private void handle(PgOutputMessage message, ChangeListener listener) {
        if (message instanceof PgOutputMessage.Begin b) {
            begin = b;
            inTransaction = true;
            listener.onBegin();
        } else if (message instanceof PgOutputMessage.Commit c) {
            listener.onCommit(c.endLsn());
            snapshotter.onCommit(c.endLsn());
            if (control != null) {
                control.onCommit(c.endLsn());
            }
            inTransaction = false;
        } else if (message instanceof PgOutputMessage.Relation r) {
            RowSchema schema = schemas.fromRelation(new TableId(r.namespace(), r.name()), r.oid(),
                    r.columns().stream().map(PgOutputMessage.RelationColumn::name).toList(),
                    r.columns().stream().map(PgOutputMessage.RelationColumn::typeOid).toList(),
                    r.columns().stream().map(PgOutputMessage.RelationColumn::typeModifier).toList());
            RowSchema previous = relations.put(r.oid(), schema);
            snapshotter.relationChanged(schema.table());
            if (ControlSchema.isControlTable(schema.table()) || ControlPlane.isStreamed(schema.table())) {
                return;
            }
            if (begin != null && (previous == null || !previous.columns().equals(schema.columns()))) {
                listener.onSchemaChange(new SchemaChange(previous, schema, begin.finalLsn(), begin.xid(), begin.commitTimeMicros()));
            }
        } else if (message instanceof PgOutputMessage.Insert i) {
            change(event(Operation.CREATE, i.relationOid(), null, i.newRow()), listener);
        } else if (message instanceof PgOutputMessage.Update u) {
            change(event(Operation.UPDATE, u.relationOid(), u.oldRow(), u.newRow()), listener);
        } else if (message instanceof PgOutputMessage.Delete d) {
            change(event(Operation.DELETE, d.relationOid(), d.oldRow(), null), listener);
        } else if (message instanceof PgOutputMessage.Truncate t) {
            for (int oid : t.relationOids()) {
                change(event(Operation.TRUNCATE, oid, null, null), listener);
            }
        }
        // Type, Origin and LogicalMessage need no action: types are looked up in the catalog when a
        // relation uses them, origins matter to multi-master setups only, messages are not requested.
    }

    /** Control-table rows (watermarks, snapshot requests, the capture list...) steer Sluice and go no further. */
    private void change(ChangeEvent event, ChangeListener listener) {
        if (ControlSchema.isControlTable(event.table())) {
            snapshotter.onControl(event, listener);
        } else if (ControlPlane.isStreamed(event.table())) {
            if (control != null) {
                control.onChange(event, listener);
            }
        } else {
            snapshotter.observe(event);
            listener.onChange(event);
        }
    }

    private ChangeEvent event(Operation op, int relationOid, dev.sluice.core.event.Row before, dev.sluice.core.event.Row after) {
        RowSchema schema = relations.get(relationOid);
        if (schema == null || begin == null) {
            throw new FatalException("pgoutput sent a change for relation " + relationOid
                    + " before describing it; this is a protocol error, please report it");
        }
        return new ChangeEvent(op, schema, before, after, begin.finalLsn(), begin.xid(), begin.commitTimeMicros(), false);
    }

    private void confirm(PositionObserver observer) {
        Lsn confirmable = confirmations.confirmable();
        long now = System.nanoTime();
        if (!inTransaction && now - lastHeartbeat >= heartbeatInterval.toNanos()) {
            lastHeartbeat = now;
            if (confirmations.idle()) {
                // Nothing captured is in flight and every received message was handled: the server's last
                // reported position (its keepalives move past other tables' and databases' WAL) is safe.
                confirmable = Lsn.max(confirmable, new Lsn(stream.getLastReceiveLSN().asLong()));
            }
            observer.heartbeat(Lsn.max(flushed, confirmable));
        }
        if (confirmable.isAfter(flushed)) {
            setFlushed(confirmable);
        }
    }

    private void setFlushed(Lsn lsn) {
        snapshotter.beforeConfirm(lsn);
        LogSequenceNumber position = LogSequenceNumber.valueOf(lsn.value());
        stream.setFlushedLSN(position);
        stream.setAppliedLSN(position);
        flushed = lsn;
    }

    private RuntimeException startFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("42704")) {
            return new FatalException("replication slot \"" + slot + "\" does not exist any more (dropped while Sluice was"
                    + " using it?); changes since then are lost to Sluice: restart with --reset to take a new snapshot", e);
        }
        if (state.equals("55006")) {
            return PgErrors.classify(e, "replication slot \"" + slot + "\" is in use by another connection");
        }
        return PgErrors.classify(e, "cannot start streaming from slot \"" + slot + "\"");
    }

    /** Told of the confirmed position on every heartbeat, e.g. to record it locally. */
    @FunctionalInterface
    public interface PositionObserver {
        void heartbeat(Lsn confirmed);
    }
}
