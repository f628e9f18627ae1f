package dev.sluice.formats.debezium;

/** Debezium's {@code decimal.handling.mode}: how {@code numeric} (and {@code money}) values are written. */
public enum DecimalHandling {
    /** Connect's {@code Decimal} (or Debezium's {@code VariableScaleDecimal} for {@code numeric} without scale): exact. */
    PRECISE,
    /** A JSON number through a {@code double}: may lose digits. */
    DOUBLE,
    /** The plain decimal text as a string: exact. */
    STRING
}
