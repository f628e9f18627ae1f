package dev.sluice.postgres.types;

/**
 * The columns of one {@code pg_type} row that decide how its values render. OIDs are unsigned in
 * PostgreSQL and kept here as the {@code int} with the same bits, as pgoutput sends them.
 *
 * @param typtype  b base, c composite, d domain, e enum, p pseudo, r range, m multirange
 * @param elem     {@code typelem}: the element type of an array (also set on some fixed-length types)
 * @param baseType {@code typbasetype}: the type a domain is over
 * @param length   {@code typlen}: -1 for varlena types, which true arrays are
 * @param typmod   {@code typtypmod}: the type modifier a domain applies to its base type, -1 for none
 */
record TypeRow(int oid, String schema, String name, char typtype, char category, int elem, int baseType,
        char delimiter, int length, int typmod) {

    static final String PG_CATALOG = "pg_catalog";

    /** The name Sluice reports: bare for {@code pg_catalog} types, schema-qualified otherwise. */
    String qualifiedName() {
        return schema.equals(PG_CATALOG) ? name : schema + "." + name;
    }

    boolean isBuiltin() {
        return schema.equals(PG_CATALOG);
    }

    /** A true array (what {@code array_out} prints): a varlena type with an element type. */
    boolean isArray() {
        return elem != 0 && length == -1;
    }
}
