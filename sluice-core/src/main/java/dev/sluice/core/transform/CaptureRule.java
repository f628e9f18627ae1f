package dev.sluice.core.transform;

import dev.sluice.core.event.Operation;
import dev.sluice.core.event.TableId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How one table of the capture list is captured: which operations, which columns, to which topic.
 * Snapshot reads are always emitted: they are the table's state, not an operation on it.
 *
 * @param operations     the operations emitted (of CREATE, UPDATE, DELETE, TRUNCATE)
 * @param columns        the columns emitted; null for all
 * @param excludeColumns the columns left out; null for none
 * @param topic          the table's topic; null for the naming rule
 */
public record CaptureRule(TableId table, Set<Operation> operations, List<String> columns, List<String> excludeColumns,
        String topic) {

    public CaptureRule {
        operations = operations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(operations));
        columns = columns == null ? null : List.copyOf(columns);
        excludeColumns = excludeColumns == null ? null : List.copyOf(excludeColumns);
    }

    /** Every operation and column, to the default topic. */
    public static CaptureRule all(TableId table) {
        return new CaptureRule(table, EnumSet.of(Operation.CREATE, Operation.UPDATE, Operation.DELETE, Operation.TRUNCATE),
                null, null, null);
    }

    /** The operation named as in SQL (insert, update, delete, truncate). */
    public static Operation operation(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "insert" -> Operation.CREATE;
            case "update" -> Operation.UPDATE;
            case "delete" -> Operation.DELETE;
            case "truncate" -> Operation.TRUNCATE;
            default -> throw new IllegalArgumentException("unknown operation " + name + "; use insert, update, delete or truncate");
        };
    }

    public boolean emits(Operation op) {
        return op == Operation.READ || operations.contains(op);
    }

    /** Whether every column is emitted. */
    public boolean allColumns() {
        return columns == null && excludeColumns == null;
    }

    public boolean emitsColumn(String column) {
        if (columns != null) {
            return columns.contains(column);
        }
        return excludeColumns == null || !excludeColumns.contains(column);
    }
}
