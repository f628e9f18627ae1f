package dev.sluice.postgres.catalog;

import dev.sluice.core.event.TableId;
import java.util.List;

/**
 * A table Sluice captures, as the catalog describes it at start.
 *
 * @param replicaIdentity {@code d} (default: the primary key), {@code i} (an index), {@code f}
 *                        (full row) or {@code n} (nothing)
 * @param keyColumns      the primary key's columns, or the replica identity index's; empty if neither
 * @param partitions      for a partitioned table captured through its root, its leaf partitions
 *                        (which hold the rows); empty for a plain table
 * @param partitioned     a partitioned table, captured through its root (its changes are published as the root's)
 */
public record CapturedTable(TableId id, int oid, char replicaIdentity, List<String> keyColumns, boolean partitioned,
        List<Partition> partitions) {

    public CapturedTable(TableId id, int oid, char replicaIdentity, List<String> keyColumns) {
        this(id, oid, replicaIdentity, keyColumns, false, List.of());
    }

    /** A leaf partition of a partitioned table. */
    public record Partition(TableId id, int oid) {
    }

    /** The tables whose heaps hold the rows: the leaf partitions, or the table itself. */
    public List<Partition> heaps() {
        return partitioned() ? partitions : List.of(new Partition(id, oid));
    }

    /** Updates and deletes of this table reach Sluice with enough to identify the row. */
    public boolean identifiable() {
        return replicaIdentity == 'f' || replicaIdentity != 'n' && !keyColumns.isEmpty();
    }

    public boolean keyed() {
        return !keyColumns.isEmpty();
    }
}
