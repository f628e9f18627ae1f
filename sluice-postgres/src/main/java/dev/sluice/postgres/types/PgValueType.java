package dev.sluice.postgres.types;

import dev.sluice.core.event.ValueType;

/**
 * A PostgreSQL type as Sluice renders it: a scalar rendering or an array of another type. Sealed
 * because the registry builds every type from these two; immutable, so thread-safe.
 */
sealed interface PgValueType extends ValueType permits ScalarType, ArrayType {

    /** The same rendering under another name: a domain is rendered as its base type, named as itself. */
    PgValueType named(String name);
}
