package dev.sluice.formats.debezium;

/** Debezium's {@code time.precision.mode}: how times, dates and timestamps are written. */
public enum TimePrecision {
    /** Milliseconds or microseconds by the column's declared precision (Debezium's default). */
    ADAPTIVE,
    /** As ADAPTIVE, but {@code time} always in microseconds. */
    ADAPTIVE_TIME_MICROSECONDS,
    /** Kafka Connect's own {@code Date}, {@code Time} and {@code Timestamp} (milliseconds). */
    CONNECT
}
