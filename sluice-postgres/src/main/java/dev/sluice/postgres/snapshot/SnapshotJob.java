package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.TableId;

/**
 * One table's incremental snapshot: what to read and how far it got. {@link #live()} moves on as
 * chunks are emitted; {@link #delivered()} only once the sink acknowledged them, and only it is
 * persisted, so that a crash repeats at most the chunks in flight.
 *
 * @param id        unique within a slot's state: {@code request-<n>}, {@code initial-<table>}, {@code added-<table>}
 * @param condition a WHERE condition limiting the rows, or null for all
 * @param origin    why it runs, for logs and status: {@code initial}, {@code added} or {@code request}
 */
public final class SnapshotJob {

    public enum Kind { KEYSET, BLOCKS }

    private final String id;
    private final TableId table;
    private final TableId source;
    private final String condition;
    private final String origin;
    private final Kind kind;
    private JobCursor live;
    private JobCursor delivered;

    public SnapshotJob(String id, TableId table, String condition, String origin, Kind kind, JobCursor cursor) {
        this(id, table, table, condition, origin, kind, cursor);
    }

    /** {@code source}: the heap a block job reads, a leaf partition of {@code table} when it is partitioned. */
    public SnapshotJob(String id, TableId table, TableId source, String condition, String origin, Kind kind, JobCursor cursor) {
        this.id = id;
        this.table = table;
        this.source = source;
        this.condition = condition;
        this.origin = origin;
        this.kind = kind;
        this.live = cursor;
        this.delivered = cursor;
    }

    public String id() {
        return id;
    }

    public TableId table() {
        return table;
    }

    public TableId source() {
        return source;
    }

    public String condition() {
        return condition;
    }

    public String origin() {
        return origin;
    }

    public Kind kind() {
        return kind;
    }

    public JobCursor live() {
        return live;
    }

    public JobCursor delivered() {
        return delivered;
    }

    public void advance(JobCursor next) {
        live = next;
    }

    public void deliver(JobCursor cursor) {
        delivered = cursor;
    }

    public boolean initial() {
        return origin.equals("initial");
    }

    @Override
    public String toString() {
        return id + " (" + table + (source.equals(table) ? "" : " partition " + source)
                + (condition == null ? "" : " WHERE " + condition) + ")";
    }
}
