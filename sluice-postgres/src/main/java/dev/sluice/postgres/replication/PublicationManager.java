package dev.sluice.postgres.replication;

import dev.sluice.core.event.QualifiedName;
import dev.sluice.postgres.PgErrors;
import dev.sluice.postgres.catalog.CapturedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dev.sluice.core.event.TableId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps Sluice's publications in step with the capture list. Tables whose updates and deletes can
 * be identified go in the main publication; unkeyed tables without {@code REPLICA IDENTITY FULL}
 * go in a second one that publishes only inserts and truncates — in a publication that publishes
 * updates, PostgreSQL would reject the application's UPDATEs and DELETEs on such a table.
 */
public final class PublicationManager {

    private final String publication;
    private final String insertOnlyPublication;
    private final Boolean viaPartitionRoot;

    public PublicationManager(String publication, String insertOnlyPublication) {
        this(publication, insertOnlyPublication, null);
    }

    /** {@code viaPartitionRoot}: the publications' {@code publish_via_partition_root}; null on servers before 13, which lack it. */
    public PublicationManager(String publication, String insertOnlyPublication, Boolean viaPartitionRoot) {
        this.publication = publication;
        this.insertOnlyPublication = insertOnlyPublication;
        this.viaPartitionRoot = viaPartitionRoot;
    }

    /**
     * Creates or alters the publications to hold exactly these tables, and Sluice's control tables
     * in the main one; returns the names to stream from.
     */
    public List<String> ensure(Connection connection, List<CapturedTable> tables, List<TableId> controlTables) {
        List<TableId> full = new java.util.ArrayList<>(tables.stream().filter(CapturedTable::identifiable).map(CapturedTable::id).toList());
        full.addAll(controlTables);
        List<TableId> insertOnly = tables.stream().filter(t -> !t.identifiable()).map(CapturedTable::id).toList();
        ensure(connection, publication, full, options("insert, update, delete, truncate"));
        if (insertOnly.isEmpty()) {
            drop(connection, insertOnlyPublication);
            return List.of(publication);
        }
        ensure(connection, insertOnlyPublication, insertOnly, options("insert, truncate"));
        return List.of(publication, insertOnlyPublication);
    }

    /** The tables the publications hold now (before {@link #ensure} changes them). */
    public Set<TableId> published(Connection connection) {
        Set<TableId> tables = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT schemaname, tablename FROM pg_publication_tables WHERE pubname IN (?, ?)")) {
            query.setString(1, publication);
            query.setString(2, insertOnlyPublication);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableId(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the tables of publication \"" + publication + "\"");
        }
        return tables;
    }

    /** The publication's WITH options. */
    private String options(String operations) {
        return "publish = " + QualifiedName.literal(operations)
                + (viaPartitionRoot == null ? "" : ", publish_via_partition_root = " + viaPartitionRoot);
    }

    private static void ensure(Connection connection, String name, List<TableId> tables, String options) {
        String list = tables.stream().map(TableId::quoted).collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            if (!exists(connection, name)) {
                statement.execute("CREATE PUBLICATION " + QualifiedName.quote(name)
                        + (tables.isEmpty() ? "" : " FOR TABLE " + list)
                        + " WITH (" + options + ")");
                return;
            }
            statement.execute("ALTER PUBLICATION " + QualifiedName.quote(name) + " SET (" + options + ")");
            if (tables.isEmpty()) {
                dropAllTables(connection, name);
            } else {
                statement.execute("ALTER PUBLICATION " + QualifiedName.quote(name) + " SET TABLE " + list);
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot create or update publication \"" + name + "\" (it needs CREATE on the"
                    + " database and ownership of the captured tables, or superuser)");
        }
    }

    private static void dropAllTables(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT format('%I.%I', schemaname, tablename) FROM pg_publication_tables WHERE pubname = ?")) {
            query.setString(1, name);
            StringBuilder tables = new StringBuilder();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    tables.append(tables.length() == 0 ? "" : ", ").append(rs.getString(1));
                }
            }
            if (tables.length() > 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER PUBLICATION " + QualifiedName.quote(name) + " DROP TABLE " + tables);
                }
            }
        }
    }

    private static void drop(Connection connection, String name) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP PUBLICATION IF EXISTS " + QualifiedName.quote(name));
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot drop publication \"" + name + "\"");
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
