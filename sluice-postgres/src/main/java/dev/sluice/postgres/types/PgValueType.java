package dev.sluice.postgres.types;

import dev.sluice.core.event.ValueType;

/**
 * A PostgreSQL type as Sluice renders it: a scalar rendering or an array of another type. Sealed
 * because the registry builds every type from these two; immutable, so thread-safe.
 */
sealed interface PgValueType extends ValueType permits ScalarType, ArrayType {

    /** The same rendering under another name: a domain is rendered as its base type, named as itself. */
    PgValueType named(String name);

    /**
     * The type as a column declared with this type modifier ({@code atttypmod}, or pgoutput's
     * column type modifier) describes it: {@code numeric(10,2)}, {@code timestamp(3)},
     * {@code varchar(20)}. {@code -1} (none) returns the type unchanged.
     */
    PgValueType withModifier(int typmod);
}
