package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.QualifiedName;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import java.util.stream.Collectors;

/**
 * The SELECTs snapshots read rows with: the captured table's columns, by name and in its order,
 * from {@code source} — the table alone (no inheritance children), one of its leaf partitions, or
 * a partitioned table as a whole.
 */
public final class SnapshotQueries {

    private SnapshotQueries() {
    }

    /** From {@code source} alone: a plain table or a leaf partition. */
    public static String select(RowSchema schema, TableId source, String condition) {
        return select(schema, source, condition, true);
    }

    /** {@code only}: without inheritance children; false to read a partitioned table through its root. */
    public static String select(RowSchema schema, TableId source, String condition, boolean only) {
        String columns = schema.columns().stream().map(c -> QualifiedName.quote(c.name())).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + (only ? "ONLY " : "") + source.quoted()
                + ("true".equals(condition) ? "" : " WHERE " + condition);
    }
}
