package dev.sluice.postgres.types;

import dev.sluice.core.event.ValueKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code pg_type} rows into {@link PgValueType}s: the one place that knows which
 * PostgreSQL type renders how.
 *
 * <p>Built-in types are recognised by name in {@code pg_catalog} (their OIDs are fixed, their
 * names are clearer), extension types by name in any schema, since an extension can be installed
 * anywhere. A domain renders as its base type under its own name; an array as its element type,
 * which may itself be a domain or an array-valued domain. Enums, composites, ranges,
 * multiranges, pseudo-types and every type not listed render as the string of their text, which
 * is lossless. Types resolve in any order, because an array's row can come before its element's.
 */
final class TypeResolver {

    private static final Map<String, TextRendering> BUILTIN = Map.ofEntries(
            Map.entry("int2", TextRendering.NUMBER),
            Map.entry("int4", TextRendering.NUMBER),
            Map.entry("int8", TextRendering.NUMBER),
            Map.entry("oid", TextRendering.NUMBER),
            Map.entry("xid", TextRendering.NUMBER),
            Map.entry("xid8", TextRendering.NUMBER),
            Map.entry("cid", TextRendering.NUMBER),
            Map.entry("numeric", TextRendering.NUMBER),
            Map.entry("float4", TextRendering.NUMBER),
            Map.entry("float8", TextRendering.NUMBER),
            Map.entry("bool", TextRendering.BOOLEAN),
            Map.entry("bytea", TextRendering.BYTEA),
            Map.entry("json", TextRendering.JSON),
            Map.entry("jsonb", TextRendering.JSON),
            Map.entry("date", TextRendering.DATE),
            Map.entry("timestamp", TextRendering.TIMESTAMP),
            Map.entry("timestamptz", TextRendering.TIMESTAMP),
            Map.entry("time", TextRendering.TIME),
            Map.entry("timetz", TextRendering.TIME),
            Map.entry("int2vector", TextRendering.VECTOR),
            Map.entry("oidvector", TextRendering.VECTOR));

    private static final Map<String, TextRendering> EXTENSION = Map.of("hstore", TextRendering.HSTORE);

    /** What encoders with a schema see of the built-in types; every other type is OTHER (its text). */
    private static final Map<String, ValueKind> BUILTIN_KINDS = Map.ofEntries(
            Map.entry("int2", ValueKind.INT16),
            Map.entry("int4", ValueKind.INT32),
            Map.entry("int8", ValueKind.INT64),
            Map.entry("oid", ValueKind.INT64),
            Map.entry("xid", ValueKind.INT64),
            Map.entry("cid", ValueKind.INT64),
            Map.entry("numeric", ValueKind.NUMERIC),
            Map.entry("float4", ValueKind.FLOAT32),
            Map.entry("float8", ValueKind.FLOAT64),
            Map.entry("bool", ValueKind.BOOLEAN),
            Map.entry("text", ValueKind.TEXT),
            Map.entry("varchar", ValueKind.TEXT),
            Map.entry("bpchar", ValueKind.TEXT),
            Map.entry("name", ValueKind.TEXT),
            Map.entry("char", ValueKind.TEXT),
            Map.entry("bytea", ValueKind.BYTES),
            Map.entry("date", ValueKind.DATE),
            Map.entry("time", ValueKind.TIME),
            Map.entry("timetz", ValueKind.TIMETZ),
            Map.entry("timestamp", ValueKind.TIMESTAMP),
            Map.entry("timestamptz", ValueKind.TIMESTAMPTZ),
            Map.entry("interval", ValueKind.INTERVAL),
            Map.entry("uuid", ValueKind.UUID),
            Map.entry("json", ValueKind.JSON),
            Map.entry("jsonb", ValueKind.JSON));

    private static final Map<String, ValueKind> EXTENSION_KINDS = Map.of("citext", ValueKind.TEXT);

    /** Deeper than any real chain of domains and arrays; guards against a corrupt catalog. */
    private static final int MAX_DEPTH = 64;

    private final Map<Integer, TypeRow> rows;
    private final Map<Integer, List<String>> labels;
    private final Map<Integer, PgValueType> types;

    private TypeResolver(Map<Integer, TypeRow> rows, Map<Integer, List<String>> labels, Map<Integer, PgValueType> known) {
        this.rows = rows;
        this.labels = labels;
        this.types = new HashMap<>(known);
    }

    /**
     * Every row's type; {@code known} types are kept as they are (a value keeps one JSON shape
     * for the life of the registry) and used to resolve the new ones. {@code labels}: enum type
     * OID → labels in order.
     */
    static Map<Integer, PgValueType> resolveAll(Map<Integer, TypeRow> rows, Map<Integer, List<String>> labels,
            Map<Integer, PgValueType> known) {
        TypeResolver resolver = new TypeResolver(rows, labels, known);
        for (Integer oid : rows.keySet()) {
            resolver.resolve(oid, 0);
        }
        return resolver.types;
    }

    private PgValueType resolve(int oid, int depth) {
        PgValueType type = types.get(oid);
        if (type != null) {
            return type;
        }
        TypeRow row = rows.get(oid);
        if (row == null || depth > MAX_DEPTH) {
            throw new IllegalStateException("pg_type has no usable row for type OID " + Integer.toUnsignedString(oid)
                    + (depth > MAX_DEPTH ? " (domains or arrays nested more than " + MAX_DEPTH + " deep)" : ""));
        }
        type = build(row, depth);
        types.put(oid, type);
        return type;
    }

    private PgValueType build(TypeRow row, int depth) {
        String name = row.qualifiedName();
        if (row.typtype() == 'd') {
            return resolve(row.baseType(), depth + 1).withModifier(row.typmod()).named(name);
        }
        if (row.typtype() == 'e') {
            return new ScalarType(name, TextRendering.STRING, ValueKind.ENUM, -1, -1, labels.getOrDefault(row.oid(), List.of()));
        }
        if (row.typtype() != 'b') {
            return new ScalarType(name, TextRendering.STRING);
        }
        TextRendering rendering = (row.isBuiltin() ? BUILTIN : EXTENSION).get(row.name());
        ValueKind kind = (row.isBuiltin() ? BUILTIN_KINDS : EXTENSION_KINDS).getOrDefault(row.name(), ValueKind.OTHER);
        if (rendering != null || kind != ValueKind.OTHER) {
            return new ScalarType(name, rendering == null ? TextRendering.STRING : rendering, kind);
        }
        if (row.isArray()) {
            TypeRow element = rows.get(row.elem());
            char delimiter = element != null ? element.delimiter() : row.delimiter();
            return new ArrayType(name, resolve(row.elem(), depth + 1), delimiter);
        }
        return new ScalarType(name, TextRendering.STRING);
    }
}
