/**
 * PostgreSQL's types as Sluice renders them: every value travels as the text PostgreSQL's output
 * function prints under {@link dev.sluice.postgres.types.PgSessionSettings} (the same for COPY in
 * a snapshot and for pgoutput's text tuples in the stream), and is turned into one lossless JSON
 * value at encoding time by the {@link dev.sluice.core.event.ValueType} that
 * {@link dev.sluice.postgres.types.PgTypeRegistry} returns for the column's type OID.
 *
 * <p>The renderers read the text char by char (no regular expressions, no formatting), because
 * they run once per value on the hot path. The mapping is tabled in the module's TYPES.md.
 */
package dev.sluice.postgres.types;
