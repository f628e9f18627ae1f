package dev.sluice.postgres.incremental;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.postgres.snapshot.SnapshotJob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One incremental chunk between its watermarks (DBLog): the rows selected, and the keys the
 * stream changed between the low and the high watermark. Those rows are dropped from the chunk,
 * because the stream already carries a version at least as new; the rest are emitted at the high
 * watermark. Tables without a key are matched on the whole row (they must have
 * {@code REPLICA IDENTITY FULL}, so the stream sends whole old rows).
 */
final class ChunkWindow {

    private final SnapshotJob job;
    private final RowSchema schema;
    private final String lowMark;
    private final String highMark;
    private final List<Row> rows;
    private final boolean full;
    private final Set<List<String>> changed = new HashSet<>();
    private boolean open;
    private boolean truncated;

    /** {@code full}: the selection returned as many rows as asked, so more may follow. */
    ChunkWindow(SnapshotJob job, RowSchema schema, String lowMark, String highMark, List<Row> rows, boolean full) {
        this.job = job;
        this.schema = schema;
        this.lowMark = lowMark;
        this.highMark = highMark;
        this.rows = rows;
        this.full = full;
    }

    SnapshotJob job() {
        return job;
    }

    RowSchema schema() {
        return schema;
    }

    boolean isLow(String mark) {
        return lowMark.equals(mark);
    }

    boolean isHigh(String mark) {
        return highMark.equals(mark);
    }

    void open() {
        open = true;
    }

    /** Notes a change the stream carries, if it falls in the window and touches this chunk's table. */
    void observe(ChangeEvent event) {
        if (!open || !event.table().equals(schema.table())) {
            return;
        }
        if (event.op() == Operation.TRUNCATE) {
            truncated = true;
            return;
        }
        if (event.before() != null) {
            changed.add(key(event.schema(), event.before()));
        }
        if (event.after() != null) {
            changed.add(key(event.schema(), event.after()));
        }
    }

    /** The rows to emit: those the stream did not change inside the window. */
    List<Row> survivors() {
        if (truncated) {
            return List.of();
        }
        List<Row> kept = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (changed.isEmpty() || !changed.contains(key(schema, row))) {
                kept.add(row);
            }
        }
        return kept;
    }

    int selected() {
        return rows.size();
    }

    boolean full() {
        return full;
    }

    /** The key values of the last row selected, where a keyset job continues. */
    List<String> lastKey() {
        return rows.isEmpty() ? null : keyValues(schema, rows.get(rows.size() - 1));
    }

    private static List<String> key(RowSchema schema, Row row) {
        if (schema.keyed()) {
            return keyValues(schema, row);
        }
        return java.util.Arrays.asList(row.values());
    }

    static List<String> keyValues(RowSchema schema, Row row) {
        int[] indexes = schema.keyIndexes();
        List<String> values = new ArrayList<>(indexes.length);
        for (int i : indexes) {
            values.add(row.value(i));
        }
        return values;
    }
}
