package dev.sluice.postgres.catalog;

import dev.sluice.core.event.TableId;
import java.util.List;

/**
 * A table Sluice captures, as the catalog describes it at start.
 *
 * @param replicaIdentity {@code d} (default: the primary key), {@code i} (an index), {@code f}
 *                        (full row) or {@code n} (nothing)
 * @param keyColumns      the primary key's columns, or the replica identity index's; empty if neither
 */
public record CapturedTable(TableId id, int oid, char replicaIdentity, List<String> keyColumns) {

    /** Updates and deletes of this table reach Sluice with enough to identify the row. */
    public boolean identifiable() {
        return replicaIdentity == 'f' || replicaIdentity != 'n' && !keyColumns.isEmpty();
    }

    public boolean keyed() {
        return !keyColumns.isEmpty();
    }
}
