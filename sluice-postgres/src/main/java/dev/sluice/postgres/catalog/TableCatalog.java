package dev.sluice.postgres.catalog;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.TableId;
import dev.sluice.postgres.PgErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Looks up captured tables and their keys in the source's catalog. */
public final class TableCatalog {

    private static final String TABLE = """
            SELECT c.oid, c.relkind, c.relreplident, has_table_privilege(c.oid, 'SELECT'), current_user
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?""";

    /** Plain tables and leaf partitions, or (through roots) plain tables and partitioned roots. */
    private static final String SCHEMA_TABLES = """
            SELECT n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND CASE WHEN ? THEN c.relkind IN ('r', 'p') AND NOT c.relispartition
                                               ELSE c.relkind = 'r' END
            ORDER BY n.nspname, c.relname""";

    /** Leaf partitions at any depth (pg_inherits, so that PostgreSQL 10 and 11 work too). */
    private static final String LEAF_PARTITIONS = """
            WITH RECURSIVE tree(relid) AS (
                SELECT ?::regclass::oid
                UNION ALL
                SELECT i.inhrelid FROM pg_inherits i JOIN tree t ON i.inhparent = t.relid)
            SELECT n.nspname, c.relname, c.oid
            FROM tree JOIN pg_class c ON c.oid = tree.relid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r'
            ORDER BY n.nspname, c.relname""";

    private static final String KEY_COLUMNS = """
            SELECT a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid = ? AND CASE WHEN c.relreplident = 'i' THEN i.indisreplident ELSE i.indisprimary END
            ORDER BY k.ord""";

    private static final String NOT_NULL_COLUMNS = """
            SELECT a.attname FROM pg_attribute a
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attnotnull""";

    /** The capture list as the user edits it, named in errors: the configuration's or the control plane's. */
    public static final String CONFIGURED_LIST = "the tables setting";
    public static final String CONTROL_PLANE_LIST = "the capture list sluice.capture (see sluice.remove_table())";

    private final Connection connection;
    private final String captureList;

    /** For the configuration's capture list. */
    public TableCatalog(Connection connection) {
        this(connection, CONFIGURED_LIST);
    }

    /** {@code captureList}: where the user lists the tables, {@link #CONFIGURED_LIST} or {@link #CONTROL_PLANE_LIST}. */
    public TableCatalog(Connection connection, String captureList) {
        this.connection = connection;
        this.captureList = captureList;
    }

    /** The tables to capture: the listed ones, or every table of the schemas when none are listed; partitions as below. */
    public List<CapturedTable> resolve(List<TableId> tables, List<String> schemas) {
        return resolve(tables, schemas, false);
    }

    /**
     * The tables to capture. A partitioned table is captured through its root when
     * {@code viaPartitionRoot} (one topic, rows read from its leaf partitions), else as its leaf
     * partitions, each a table of its own.
     */
    public List<CapturedTable> resolve(List<TableId> tables, List<String> schemas, boolean viaPartitionRoot) {
        List<TableId> wanted = tables.isEmpty() ? tablesOf(schemas, viaPartitionRoot) : tables;
        if (wanted.isEmpty()) {
            throw new FatalException("no tables to capture: schemas " + schemas
                    + " have no tables; create some, or list tables with the tables setting");
        }
        List<CapturedTable> captured = new ArrayList<>();
        for (TableId table : wanted) {
            CapturedTable described = describe(table, true);
            if (!described.partitioned() || viaPartitionRoot) {
                captured.add(described);
            } else {
                for (CapturedTable.Partition leaf : described.partitions()) {
                    captured.add(describe(leaf.id()));
                }
            }
        }
        return captured;
    }

    public CapturedTable describe(TableId table) {
        return describe(table, false);
    }

    private CapturedTable describe(TableId table, boolean partitionedAllowed) {
        try (PreparedStatement statement = connection.prepareStatement(TABLE)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw new FatalException("table " + table.quoted() + " does not exist; check " + captureList
                            + " (names are case-sensitive: write them as \\dt shows them)");
                }
                int oid = rs.getInt(1);
                String kind = rs.getString(2);
                boolean partitioned = kind.equals("p") && partitionedAllowed;
                if (!kind.equals("r") && !partitioned) {
                    throw new FatalException(table.quoted() + " is " + describeKind(kind)
                            + ", not a table Sluice can capture; remove it from " + captureList);
                }
                if (!rs.getBoolean(4)) {
                    String user = rs.getString(5);
                    throw new FatalException("user " + user + " may not read table " + table.quoted()
                            + "; GRANT SELECT ON " + table.quoted() + " TO " + user);
                }
                char identity = rs.getString(3).charAt(0);
                return new CapturedTable(table, oid, identity, keyColumns(oid), partitioned,
                        partitioned ? leafPartitions(table) : List.of());
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot look up table " + table.quoted());
        }
    }

    /** The key columns of a table, in key order: the replica identity index's, else the primary key's. */
    public List<String> keyColumns(int relationOid) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(KEY_COLUMNS)) {
            statement.setInt(1, relationOid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** The columns of a table declared {@code NOT NULL} (primary key columns included). */
    public List<String> notNullColumns(int relationOid) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(NOT_NULL_COLUMNS)) {
            statement.setInt(1, relationOid);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    private List<CapturedTable.Partition> leafPartitions(TableId table) throws SQLException {
        List<CapturedTable.Partition> leaves = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LEAF_PARTITIONS)) {
            statement.setString(1, table.quoted());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    leaves.add(new CapturedTable.Partition(new TableId(rs.getString(1), rs.getString(2)), rs.getInt(3)));
                }
            }
        }
        return leaves;
    }

    private List<TableId> tablesOf(List<String> schemas, boolean viaPartitionRoot) {
        List<TableId> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SCHEMA_TABLES)) {
            statement.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            statement.setBoolean(2, viaPartitionRoot);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot list the tables of schemas " + schemas);
        }
        return tables;
    }

    private static String describeKind(String relkind) {
        return switch (relkind) {
            case "v" -> "a view";
            case "m" -> "a materialized view";
            case "p" -> "a partitioned table";
            case "f" -> "a foreign table";
            case "S" -> "a sequence";
            case "i", "I" -> "an index";
            default -> "a relation of kind '" + relkind + "'";
        };
    }
}
