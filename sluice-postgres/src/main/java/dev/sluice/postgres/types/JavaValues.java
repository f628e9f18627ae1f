package dev.sluice.postgres.types;

import dev.sluice.core.event.ValueKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * PostgreSQL's text of a scalar value as the Java value its {@link ValueKind} names, for encoders
 * with a schema. Values that the Java class cannot hold (NaN and the infinities of {@code numeric},
 * infinite dates and timestamps, the time {@code 24:00:00}) stay the text PostgreSQL prints; the
 * dates and times go through {@link DateTimeText}'s ISO form, which {@code java.time} reads.
 */
final class JavaValues {

    private JavaValues() {
    }

    static Object of(ValueKind kind, String text) {
        try {
            return convert(kind, text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedValueException(kind.name().toLowerCase(java.util.Locale.ROOT), "a value of the type", 0, text);
        }
    }

    private static Object convert(ValueKind kind, String text) {
        switch (kind) {
            case INT16:
                return Short.valueOf(text);
            case INT32:
                return Integer.valueOf(text);
            case INT64:
                return Long.valueOf(text);
            case NUMERIC:
                return isSpecialNumber(text) ? text : new BigDecimal(text);
            case FLOAT32:
                return Float.valueOf(text);
            case FLOAT64:
                return Double.valueOf(text);
            case BOOLEAN:
                return bool(text);
            case BYTES:
                return ByteaText.decode(text);
            case DATE:
                return isInfinity(text) ? text : LocalDate.parse(DateTimeText.isoDate(text));
            case TIME:
                return text.startsWith("24:") ? text : LocalTime.parse(DateTimeText.isoTime(text));
            case TIMETZ:
                return text.startsWith("24:") ? text : OffsetTime.parse(DateTimeText.isoTime(text));
            case TIMESTAMP: {
                LocalDateTime common = TimestampText.localDateTime(text);
                return common != null ? common : isInfinity(text) ? text : LocalDateTime.parse(DateTimeText.isoTimestamp(text));
            }
            case TIMESTAMPTZ: {
                java.time.Instant common = TimestampText.utcInstant(text);
                return common != null ? common
                        : isInfinity(text) ? text : OffsetDateTime.parse(DateTimeText.isoTimestamp(text)).toInstant();
            }
            case INTERVAL:
                return isInfinity(text) ? text : IntervalText.parse(text);
            case UUID:
                return UUID.fromString(text);
            default:
                return text;
        }
    }

    private static Boolean bool(String text) {
        if (text.equals("t")) {
            return Boolean.TRUE;
        }
        if (text.equals("f")) {
            return Boolean.FALSE;
        }
        throw new MalformedValueException("boolean", "t or f", 0, text);
    }

    private static boolean isSpecialNumber(String text) {
        return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
    }

    private static boolean isInfinity(String text) {
        return text.equals("infinity") || text.equals("-infinity");
    }
}
