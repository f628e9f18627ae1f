package dev.sluice.core.event;

/**
 * What a column holds, in the terms encoders with a schema (Avro, Debezium's JSON) need: a closed
 * set, so every encoder can map every kind. A source maps each of its types to one kind; what it
 * cannot map is {@link #OTHER}, whose values are their text.
 *
 * <p>The Java class {@link ValueType#toJava} returns for each kind is named on the constant.
 */
public enum ValueKind {
    /** {@code Short}. */
    INT16,
    /** {@code Integer}. */
    INT32,
    /** {@code Long}. */
    INT64,
    /** {@code BigDecimal}, or the {@code String} {@code NaN}, {@code Infinity} or {@code -Infinity}. */
    NUMERIC,
    /** {@code Float}, NaN and the infinities included. */
    FLOAT32,
    /** {@code Double}, NaN and the infinities included. */
    FLOAT64,
    /** {@code Boolean}. */
    BOOLEAN,
    /** {@code String}. */
    TEXT,
    /** {@code byte[]}. */
    BYTES,
    /** {@code LocalDate}, or the {@code String} {@code infinity} or {@code -infinity}. */
    DATE,
    /** {@code LocalTime}, or the {@code String} {@code 24:00:00}, which {@code LocalTime} cannot hold. */
    TIME,
    /** {@code OffsetTime}, or the text when the time is {@code 24:00:00}. */
    TIMETZ,
    /** {@code LocalDateTime}, or the {@code String} {@code infinity} or {@code -infinity}. */
    TIMESTAMP,
    /** {@code Instant}, or the {@code String} {@code infinity} or {@code -infinity}. */
    TIMESTAMPTZ,
    /** {@link IntervalValue}, or the {@code String} {@code infinity} or {@code -infinity}. */
    INTERVAL,
    /** {@code java.util.UUID}. */
    UUID,
    /** {@code String}: the JSON document's text. */
    JSON,
    /** {@code List<Object>} of the element type's values (nested lists for more dimensions, null for SQL NULL). */
    ARRAY,
    /** {@code String}: one of {@link ValueType#labels()}. */
    ENUM,
    /** {@code String}: the value's text. */
    OTHER
}
