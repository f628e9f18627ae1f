package dev.sluice.core.event;

import java.util.List;

/**
 * The columns of a table as the source sees them at a point in the stream; a new instance is made
 * whenever the table's definition changes. Key columns are the primary key, or the replica
 * identity index; a table with neither has no key columns ({@link #keyed()} false).
 */
public record RowSchema(TableId table, List<ColumnSchema> columns, int[] keyIndexes) {

    public RowSchema(TableId table, List<ColumnSchema> columns) {
        this(table, List.copyOf(columns), keyIndexesOf(columns));
    }

    private static int[] keyIndexesOf(List<ColumnSchema> columns) {
        return java.util.stream.IntStream.range(0, columns.size()).filter(i -> columns.get(i).key()).toArray();
    }

    public boolean keyed() {
        return keyIndexes.length > 0;
    }

    public int size() {
        return columns.size();
    }

    public ColumnSchema column(int index) {
        return columns.get(index);
    }

    /** The index of the column named {@code name}, or -1 when the table has none. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
