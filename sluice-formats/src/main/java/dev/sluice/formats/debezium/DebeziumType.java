package dev.sluice.formats.debezium;

/**
 * How one column type appears in Debezium's PostgreSQL format: its Connect schema, how a value is
 * written, what Debezium writes for a required column that has no value (a {@code NOT NULL}
 * column of a key-only old row: Debezium fills in the type's zero, and so does Sluice, so that the
 * records validate against their schema), and what it writes for an unchanged TOASTed value.
 *
 * @param schema       the field's schema, not yet optional
 * @param writer       writes a value of the column
 * @param zero         the value written for a required column without one, as {@code writer} takes it; null writes null
 * @param placeholder  the value written for an unchanged TOASTed value, as {@code writer} takes it; null writes null
 */
record DebeziumType(ConnectSchema schema, ValueWriter writer, Object zero, Object placeholder) {
}
