package dev.sluice.core.transform;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the capture list's rules to events in stream order: drops the operations a table does
 * not capture and the events of tables removed from the list, and leaves out the columns not
 * captured. A rule takes effect for the events after the point it was set (the commit of the
 * change to the capture list), because the source sets it in stream order.
 *
 * <p>Tables without a rule pass unchanged (the configuration's capture list has no rules). A
 * projection is computed once per row schema, so filtering columns costs one small row copy per
 * event and nothing for tables that capture every column. One instance per thread; the rules
 * themselves ({@link CaptureRules}) are shared.
 */
public final class CaptureFilter {

    private CaptureRules rules = CaptureRules.NONE;
    /** Row schema → its projection under the current rules; cleared when they change. */
    private final Map<RowSchema, Projection> projections = new IdentityHashMap<>();

    /** Applies {@code rules} from now on. */
    public void use(CaptureRules rules) {
        if (rules != this.rules) {
            this.rules = rules;
            projections.clear();
        }
    }

    public CaptureRules rules() {
        return rules;
    }

    /** The event as captured, or null when the rules drop it. */
    public ChangeEvent apply(ChangeEvent event) {
        if (rules.isEmpty()) {
            return event;
        }
        CaptureRule rule = rules.rule(event.table());
        if (rule == null) {
            return event;
        }
        if (!rule.emits(event.op())) {
            return null;
        }
        if (rule.allColumns()) {
            return event;
        }
        Projection projection = projections.computeIfAbsent(event.schema(), schema -> Projection.of(schema, rule));
        return new ChangeEvent(event.op(), projection.schema, projection.row(event.before()), projection.row(event.after()),
                event.lsn(), event.txId(), event.commitTimeMicros(), event.snapshot());
    }

    /** The columns of one row schema that a rule keeps. */
    private record Projection(RowSchema schema, int[] kept) {

        static Projection of(RowSchema source, CaptureRule rule) {
            List<ColumnSchema> columns = new ArrayList<>();
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < source.size(); i++) {
                ColumnSchema column = source.column(i);
                // Key columns always stay: events are keyed by them.
                if (column.key() || rule.emitsColumn(column.name())) {
                    columns.add(column);
                    kept.add(i);
                }
            }
            return new Projection(new RowSchema(source.table(), columns), kept.stream().mapToInt(Integer::intValue).toArray());
        }

        Row row(Row row) {
            if (row == null) {
                return null;
            }
            String[] values = new String[kept.length];
            boolean[] absent = row.hasAbsent() ? new boolean[kept.length] : null;
            for (int i = 0; i < kept.length; i++) {
                values[i] = row.value(kept[i]);
                if (absent != null) {
                    absent[i] = row.isAbsent(kept[i]);
                }
            }
            return new Row(values, absent);
        }
    }
}
