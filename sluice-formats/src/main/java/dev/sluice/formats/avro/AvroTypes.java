package dev.sluice.formats.avro;

import dev.sluice.core.error.RetriableException;
import dev.sluice.core.event.IntervalValue;
import dev.sluice.core.event.ValueType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;

/**
 * The Avro type of each PostgreSQL column type (tabled in the README): integers as {@code int}
 * or {@code long}, {@code numeric(p,s)} as {@code decimal(p,s)} bytes, unconstrained
 * {@code numeric} as {@code string} (Avro's decimal has one scale), floats, booleans,
 * {@code bytea} as {@code bytes}, {@code date}, {@code time-micros},
 * {@code local-timestamp-micros} ({@code timestamp}: no time zone), {@code timestamp-micros}
 * ({@code timestamptz}), {@code uuid}, enums as Avro enums (as strings when a label is not an
 * Avro name), arrays as arrays of nullable elements, and everything else ({@code json},
 * {@code jsonb}, {@code interval}, {@code timetz}, network, geometric, range, composite types…) as
 * the string of PostgreSQL's text.
 *
 * <p>One instance per table schema: it defines each enum once (Avro names must be unique in a
 * schema) in the table's namespace.
 */
final class AvroTypes {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final String namespace;
    private final Map<String, AvroType> enums = new HashMap<>();

    AvroTypes(String namespace) {
        this.namespace = namespace;
    }

    AvroType of(ValueType type) {
        switch (type.kind()) {
            case INT16:
            case INT32:
                return plain(Schema.Type.INT, (v, t) -> ((Number) v).intValue(), (out, d) -> out.writeInt((Integer) d));
            case INT64:
                return plain(Schema.Type.LONG, (v, t) -> ((Number) v).longValue(), (out, d) -> out.writeLong((Long) d));
            case FLOAT32:
                return plain(Schema.Type.FLOAT, (v, t) -> v, (out, d) -> out.writeFloat((Float) d));
            case FLOAT64:
                return plain(Schema.Type.DOUBLE, (v, t) -> v, (out, d) -> out.writeDouble((Double) d));
            case BOOLEAN:
                return plain(Schema.Type.BOOLEAN, (v, t) -> v, (out, d) -> out.writeBoolean((Boolean) d));
            case BYTES:
                return plain(Schema.Type.BYTES, (v, t) -> ByteBuffer.wrap((byte[]) v), (out, d) -> out.writeBytes((ByteBuffer) d));
            case NUMERIC:
                return numeric(type);
            case DATE:
                return logical(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)), AvroTypes::epochDay,
                        (out, d) -> out.writeInt((Integer) d));
            case TIME:
                return logical(LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                        (v, t) -> v instanceof LocalTime time ? time.toNanoOfDay() / 1000 : null, AvroTypes::writeLong);
            case TIMESTAMP:
                return logical(LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                        (v, t) -> v instanceof LocalDateTime time ? micros(time.toInstant(ZoneOffset.UTC)) : null, AvroTypes::writeLong);
            case TIMESTAMPTZ:
                return logical(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)),
                        (v, t) -> v instanceof Instant instant ? micros(instant) : null, AvroTypes::writeLong);
            case TIMETZ:
                return string((v, t) -> v instanceof OffsetTime time ? time.format(DateTimeFormatter.ISO_OFFSET_TIME) : t);
            case UUID:
                return new AvroType(LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING)), false,
                        (v, t) -> v.toString(), AvroTypes::writeString);
            case ENUM:
                return enumeration(type);
            case ARRAY:
                return array(type);
            default:
                // text, json, jsonb, interval (PostgreSQL's ISO-8601 text) and every other type: the text.
                return string((v, t) -> t != null ? t : text(v));
        }
    }

    private static AvroType plain(Schema.Type type, AvroType.Datum datum, AvroType.Writer writer) {
        return new AvroType(Schema.create(type), false, datum, writer);
    }

    private static AvroType logical(Schema schema, AvroType.Datum datum, AvroType.Writer writer) {
        return new AvroType(schema, true, datum, writer);
    }

    private static AvroType string(AvroType.Datum datum) {
        return new AvroType(Schema.create(Schema.Type.STRING), false, datum, AvroTypes::writeString);
    }

    private static void writeString(Encoder out, Object datum) throws IOException {
        out.writeString((String) datum);
    }

    private static void writeLong(Encoder out, Object datum) throws IOException {
        out.writeLong((Long) datum);
    }

    /** A value's text when only its Java form is at hand (array elements). */
    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof IntervalValue interval) {
            return interval.toString();
        }
        return String.valueOf(value);
    }

    private static AvroType numeric(ValueType type) {
        int precision = type.precision();
        int scale = type.scale();
        if (precision <= 0 || scale < 0 || scale > precision) {
            return string((v, t) -> t != null ? t : text(v));
        }
        Schema schema = LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
        return logical(schema, (v, t) -> v instanceof BigDecimal decimal ? unscaled(decimal, scale) : null,
                (out, d) -> out.writeBytes((ByteBuffer) d));
    }

    /** The two's-complement bytes at the column's scale; null if the value has more digits than the scale (it never should). */
    private static ByteBuffer unscaled(BigDecimal decimal, int scale) {
        try {
            return ByteBuffer.wrap(decimal.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().toByteArray());
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Object epochDay(Object value, String text) {
        if (!(value instanceof LocalDate date)) {
            return null;
        }
        long day = date.toEpochDay();
        return day == (int) day ? (Integer) (int) day : null;
    }

    /** Microseconds since the epoch, or null beyond a long's range (PostgreSQL's last years of timestamps). */
    private static Long micros(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1000);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private AvroType enumeration(ValueType type) {
        List<String> labels = type.labels();
        boolean symbols = !labels.isEmpty() && labels.stream().allMatch(AvroNames::isLegal) && new HashSet<>(labels).size() == labels.size();
        if (!symbols) {
            return string((v, t) -> (String) v);
        }
        return enums.computeIfAbsent(type.name(), name -> {
            Schema schema = Schema.createEnum(AvroNames.of(name), "PostgreSQL enum " + name, namespace, labels);
            return new AvroType(schema, false, (v, t) -> {
                int index = labels.indexOf(v);
                if (index < 0) {
                    throw new RetriableException("enum " + name + " has a label Sluice did not know when it made the table's Avro"
                            + " schema (ALTER TYPE ... ADD VALUE): starting over to read the catalog again");
                }
                return index;
            }, (out, d) -> out.writeEnum((Integer) d));
        });
    }

    private AvroType array(ValueType type) {
        AvroType element = of(type.element());
        Schema schema = Schema.createArray(AvroFields.nullable(element));
        return new AvroType(schema, true, (v, t) -> isFlat((List<?>) v) ? v : null, (out, d) -> {
            List<?> items = (List<?>) d;
            out.writeArrayStart();
            out.setItemCount(items.size());
            for (Object item : items) {
                out.startItem();
                AvroFields.writeNullable(out, element, item, null);
            }
            out.writeArrayEnd();
        });
    }

    /** One-dimensional: a multi-dimensional array does not fit an Avro array of elements. */
    private static boolean isFlat(List<?> items) {
        for (Object item : items) {
            if (item instanceof List) {
                return false;
            }
        }
        return true;
    }
}
