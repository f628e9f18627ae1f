package dev.sluice.core.event;

import java.util.Objects;

/**
 * A table's schema and name exactly as PostgreSQL stores them (case and characters preserved,
 * no quoting). Use {@link #quoted()} to put it in SQL.
 */
public record TableId(String schema, String table) implements Comparable<TableId> {

    public TableId {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /**
     * Parses {@code schema.table} where either part may be double-quoted (and then contain dots
     * and doubled quotes); an unquoted part is taken as written, without case folding, because
     * users name tables here as they see them in {@code \dt}. A name without schema is in
     * {@code defaultSchema}.
     */
    public static TableId parse(String text, String defaultSchema) {
        java.util.List<String> parts = QualifiedName.split(text);
        if (parts.size() == 1) {
            return new TableId(defaultSchema, parts.get(0));
        }
        if (parts.size() == 2) {
            return new TableId(parts.get(0), parts.get(1));
        }
        throw new IllegalArgumentException("not a table name (expected schema.table, quote parts that contain dots): " + text);
    }

    /** The name as SQL: {@code "schema"."table"}, with quotes doubled. */
    public String quoted() {
        return QualifiedName.quote(schema) + "." + QualifiedName.quote(table);
    }

    @Override
    public int compareTo(TableId o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : table.compareTo(o.table);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
