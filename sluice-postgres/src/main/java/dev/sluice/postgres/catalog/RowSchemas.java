package dev.sluice.postgres.catalog;

import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.postgres.PgErrors;
import dev.sluice.postgres.types.PgTypeRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds {@link RowSchema}s: for the snapshot from the catalog, for the stream from pgoutput's
 * Relation messages. Both list the same columns in the same order (user columns, no dropped or
 * generated ones), so a table's snapshot rows and stream rows look alike. Key columns and
 * {@code NOT NULL} always come from the catalog: under {@code REPLICA IDENTITY FULL} pgoutput flags
 * every column as key, and it does not send nullability. Each column's type carries its type
 * modifier ({@code numeric(10,2)}, {@code timestamp(3)}), from {@code atttypmod} or the Relation
 * message, which sends the same value.
 */
public final class RowSchemas {

    private static final String COLUMNS = """
            SELECT a.attname, a.atttypid, a.atttypmod, a.attnotnull
            FROM pg_attribute a
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped %s
            ORDER BY a.attnum""";

    private final Connection catalog;
    private final PgTypeRegistry types;
    private final TableCatalog tables;

    public RowSchemas(Connection catalog, PgTypeRegistry types) {
        this.catalog = catalog;
        this.types = types;
        this.tables = new TableCatalog(catalog);
    }

    /** The schema of a table as the catalog shows it now. */
    public RowSchema fromCatalog(TableId table, int oid) {
        try {
            String generated = catalog.getMetaData().getDatabaseMajorVersion() >= 12 ? "AND a.attgenerated = ''" : "";
            List<String> names = new ArrayList<>();
            List<Integer> typeOids = new ArrayList<>();
            List<Integer> typeModifiers = new ArrayList<>();
            Set<String> notNull = new HashSet<>();
            try (PreparedStatement statement = catalog.prepareStatement(String.format(COLUMNS, generated))) {
                statement.setInt(1, oid);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        typeOids.add((int) rs.getLong(2));
                        typeModifiers.add(rs.getInt(3));
                        if (rs.getBoolean(4)) {
                            notNull.add(rs.getString(1));
                        }
                    }
                }
            }
            return build(table, oid, names, typeOids, typeModifiers, notNull);
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the columns of " + table.quoted());
        }
    }

    /** The schema of a table from a Relation message's columns (their type modifiers in {@code typeModifiers}). */
    public RowSchema fromRelation(TableId table, int oid, List<String> names, List<Integer> typeOids,
            List<Integer> typeModifiers) {
        try {
            return build(table, oid, names, typeOids, typeModifiers, new HashSet<>(tables.notNullColumns(oid)));
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the key of " + table.quoted());
        }
    }

    private RowSchema build(TableId table, int oid, List<String> names, List<Integer> typeOids, List<Integer> typeModifiers,
            Set<String> notNull) throws SQLException {
        Set<String> key = new HashSet<>(tables.keyColumns(oid));
        List<ColumnSchema> columns = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            columns.add(new ColumnSchema(name, types.forColumn(typeOids.get(i), typeModifiers.get(i), catalog),
                    key.contains(name), !key.contains(name) && !notNull.contains(name)));
        }
        return new RowSchema(table, columns);
    }
}
