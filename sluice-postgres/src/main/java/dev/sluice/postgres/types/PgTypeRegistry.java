package dev.sluice.postgres.types;

import dev.sluice.core.error.SluiceException;
import dev.sluice.core.event.ValueType;
import dev.sluice.postgres.PgErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database's types, by OID, as {@link ValueType}s that render PostgreSQL's text form as
 * lossless JSON (the mapping is tabled in TYPES.md).
 *
 * <p>Loaded with one query over {@code pg_type}; a type created later (an enum added while Sluice
 * runs) is unknown until {@link #refresh}, which reads the catalog again and adds the types it has
 * not seen. A type already known keeps its rendering for the life of the registry, so a column's
 * JSON shape does not change under a consumer's feet; a type dropped and re-created gets a new OID
 * and so a new entry. OIDs are unsigned in PostgreSQL and passed as the {@code int} with the same
 * bits, as pgoutput's Relation message carries them.
 *
 * <p>Thread-safe: lookups read an immutable map without locking; refreshes are serialised and
 * publish a new map. Catalog reads fail with a {@link SluiceException} classified by
 * {@link PgErrors} (retriable when the connection was lost).
 */
public final class PgTypeRegistry {

    private static final String QUERY = "SELECT t.oid, n.nspname, t.typname, t.typtype, t.typcategory, t.typelem,"
            + " t.typbasetype, t.typdelim, t.typlen, t.typtypmod"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace";

    private static final String ENUM_LABELS = "SELECT enumtypid, enumlabel FROM pg_catalog.pg_enum ORDER BY enumtypid, enumsortorder";

    private volatile Map<Integer, PgValueType> types;

    private PgTypeRegistry(Map<Integer, PgValueType> types) {
        this.types = types;
    }

    /** Reads every type of the connection's database. The connection is left as it was. */
    public static PgTypeRegistry load(Connection connection) {
        return new PgTypeRegistry(Map.copyOf(TypeResolver.resolveAll(readRows(connection), readLabels(connection), Map.of())));
    }

    /**
     * The type with this OID.
     *
     * @throws IllegalArgumentException if the registry has not seen it: call {@link #refresh} (or
     *                                  {@link #forOid(int, Connection)}) first
     */
    public ValueType forOid(int oid) {
        PgValueType type = types.get(oid);
        if (type == null) {
            throw new IllegalArgumentException("type OID " + Integer.toUnsignedString(oid)
                    + " is not in the type registry (a type created after it was loaded?): refresh the registry");
        }
        return type;
    }

    /** The type with this OID, if the registry has seen it. */
    public Optional<ValueType> find(int oid) {
        return Optional.ofNullable(types.get(oid));
    }

    /**
     * The type with this OID, refreshing from {@code connection} once if it is not known yet.
     *
     * @throws IllegalArgumentException if the type is not in the catalog even after a refresh
     */
    public ValueType forOid(int oid, Connection connection) {
        if (!types.containsKey(oid)) {
            refresh(connection);
        }
        return forOid(oid);
    }

    /**
     * The type of a column declared with this type OID and type modifier ({@code atttypmod}, or
     * the type modifier of a pgoutput Relation message's column), refreshing from
     * {@code connection} once if the OID is not known yet: {@code numeric(10,2)} describes its
     * precision and scale, {@code timestamp(3)} its fractional digits (see
     * {@link ValueType#precision()}). Renders like {@link #forOid(int)}.
     */
    public ValueType forColumn(int oid, int typmod, Connection connection) {
        if (!types.containsKey(oid)) {
            refresh(connection);
        }
        return ((PgValueType) forOid(oid)).withModifier(typmod);
    }

    /**
     * Reads the catalog again and adds the types not seen before; known types are left as they
     * are. Returns how many types were added.
     */
    public synchronized int refresh(Connection connection) {
        Map<Integer, PgValueType> known = types;
        Map<Integer, PgValueType> all = TypeResolver.resolveAll(readRows(connection), readLabels(connection), known);
        types = Map.copyOf(all);
        return all.size() - known.size();
    }

    /** How many types the registry knows. */
    public int size() {
        return types.size();
    }

    private static Map<Integer, TypeRow> readRows(Connection connection) {
        Map<Integer, TypeRow> rows = new HashMap<>(1024);
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(QUERY)) {
            while (rs.next()) {
                TypeRow row = new TypeRow((int) rs.getLong(1), rs.getString(2), rs.getString(3), charOf(rs, 4),
                        charOf(rs, 5), (int) rs.getLong(6), (int) rs.getLong(7), charOf(rs, 8), rs.getInt(9), rs.getInt(10));
                rows.put(row.oid(), row);
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the database's types from pg_type");
        }
        return rows;
    }

    /** Enum type OID → its labels in sort order. */
    private static Map<Integer, List<String>> readLabels(Connection connection) {
        Map<Integer, List<String>> labels = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(ENUM_LABELS)) {
            while (rs.next()) {
                labels.computeIfAbsent((int) rs.getLong(1), oid -> new ArrayList<>()).add(rs.getString(2));
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the database's enum labels from pg_enum");
        }
        return labels;
    }

    private static char charOf(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null || value.isEmpty() ? '\0' : value.charAt(0);
    }
}
