package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.QualifiedName;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import java.util.stream.Collectors;

/** The SELECTs snapshots read rows with: the schema's columns, in its order, of the table alone (no inheritance children). */
public final class SnapshotQueries {

    private SnapshotQueries() {
    }

    public static String select(RowSchema schema, TableId table, String condition) {
        String columns = schema.columns().stream().map(c -> QualifiedName.quote(c.name())).collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM ONLY " + table.quoted() + ("true".equals(condition) ? "" : " WHERE " + condition);
    }
}
