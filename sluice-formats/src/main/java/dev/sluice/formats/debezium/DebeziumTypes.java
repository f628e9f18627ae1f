package dev.sluice.formats.debezium;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.IntervalValue;
import dev.sluice.core.event.ValueKind;
import dev.sluice.core.event.ValueType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Debezium's default representation of each PostgreSQL type (its {@code PostgresValueConverter}
 * under {@code binary.handling.mode=bytes}, {@code interval.handling.mode=numeric},
 * {@code hstore.handling.mode=json}, {@code money.fraction.digits=2}), with
 * {@code decimal.handling.mode} and {@code time.precision.mode} from {@link DebeziumOptions}.
 * Written from Debezium's documentation and checked against Debezium itself by the differential
 * test; the README lists where Sluice knowingly differs.
 */
final class DebeziumTypes {

    /** Debezium's {@code unavailable.value.placeholder} default. */
    static final String PLACEHOLDER = "__debezium_unavailable_value";

    private static final int DEFAULT_FRACTION_DIGITS = 6;
    private static final JsonFactory JSON = new JsonFactory();
    private static final double DAYS_PER_MONTH = 365.25 / 12;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final DateTimeFormatter[] ZONED_TIMESTAMP = zonedTimestampFormatters();

    private final DebeziumOptions options;

    DebeziumTypes(DebeziumOptions options) {
        this.options = options;
    }

    DebeziumType of(ValueType type) {
        switch (type.kind()) {
            case INT16:
                return plain("int16", DebeziumTypes::writeInteger, (short) 0);
            case INT32:
                return plain("int32", DebeziumTypes::writeInteger, 0);
            case INT64:
                return plain("int64", DebeziumTypes::writeInteger, 0L);
            case FLOAT32:
                return plain("float", (out, v) -> out.writeNumber((Float) v), 0f);
            case FLOAT64:
                return plain("double", (out, v) -> out.writeNumber((Double) v), 0d);
            case BOOLEAN:
                return plain("boolean", (out, v) -> out.writeBoolean((Boolean) v), Boolean.FALSE);
            case TEXT:
                return new DebeziumType(ConnectSchema.of("string"), DebeziumTypes::writeString, "", PLACEHOLDER);
            case BYTES:
                return new DebeziumType(ConnectSchema.of("bytes"), (out, v) -> out.writeBinary((byte[]) v), new byte[0],
                        PLACEHOLDER.getBytes(StandardCharsets.UTF_8));
            case NUMERIC:
                return numeric(type);
            case DATE:
                return date();
            case TIME:
                return time(type);
            case TIMETZ:
                return named("string", "io.debezium.time.ZonedTime", DebeziumTypes::writeZonedTime, OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.UTC));
            case TIMESTAMP:
                return timestamp(type);
            case TIMESTAMPTZ:
                return zonedTimestamp(type);
            case INTERVAL:
                return named("int64", "io.debezium.time.MicroDuration", DebeziumTypes::writeMicroDuration, new IntervalValue(0, 0, 0));
            case UUID:
                return new DebeziumType(ConnectSchema.named("string", "io.debezium.data.Uuid", 1),
                        (out, v) -> out.writeString(v.toString()), "", null);
            case JSON:
                return new DebeziumType(ConnectSchema.named("string", "io.debezium.data.Json", 1), DebeziumTypes::writeString, "", PLACEHOLDER);
            case ENUM:
                return new DebeziumType(ConnectSchema.named("string", "io.debezium.data.Enum", 1)
                        .withParameters(Map.of("allowed", String.join(",", type.labels()))), DebeziumTypes::writeString, "", PLACEHOLDER);
            case ARRAY:
                return array(type);
            default:
                return other(type);
        }
    }

    private static DebeziumType plain(String connectType, ValueWriter writer, Object zero) {
        return new DebeziumType(ConnectSchema.of(connectType), writer, zero, null);
    }

    private static DebeziumType named(String connectType, String name, ValueWriter writer, Object zero) {
        return new DebeziumType(ConnectSchema.named(connectType, name, 1), writer, zero, null);
    }

    // ---- numbers

    private DebeziumType numeric(ValueType type) {
        switch (options.decimalHandling()) {
            case DOUBLE:
                return plain("double", (out, v) -> out.writeNumber(toDouble(v)), BigDecimal.ZERO);
            case STRING:
                return new DebeziumType(ConnectSchema.of("string"),
                        (out, v) -> out.writeString(v instanceof BigDecimal d ? d.toPlainString() : specialName((String) v)),
                        type.scale() < 0 ? BigDecimal.ZERO : BigDecimal.ZERO.setScale(type.scale()), null);
            default:
                if (type.scale() < 0) {
                    return new DebeziumType(variableScaleDecimal(), DebeziumTypes::writeVariableScale, BigDecimal.ZERO, null);
                }
                int scale = type.scale();
                Map<String, String> parameters = new LinkedHashMap<>();
                parameters.put("scale", Integer.toString(scale));
                parameters.put("connect.decimal.precision", Integer.toString(type.precision()));
                return new DebeziumType(decimal(parameters), (out, v) -> writeDecimal(out, v, scale), BigDecimal.ZERO, null);
        }
    }

    private static ConnectSchema decimal(Map<String, String> parameters) {
        return ConnectSchema.named("bytes", "org.apache.kafka.connect.data.Decimal", 1).withParameters(parameters);
    }

    private static ConnectSchema variableScaleDecimal() {
        return ConnectSchema.struct("io.debezium.data.VariableScaleDecimal", 1, List.of(
                new ConnectSchema.Field("scale", ConnectSchema.of("int32")),
                new ConnectSchema.Field("value", ConnectSchema.of("bytes")))).withDoc("Variable scaled decimal");
    }

    /** Connect's Decimal: the unscaled value's two's-complement bytes at the column's scale. NaN and infinities: null, as they have none. */
    private static void writeDecimal(JsonGenerator out, Object value, int scale) throws IOException {
        if (!(value instanceof BigDecimal decimal)) {
            out.writeNull();
            return;
        }
        out.writeBinary(decimal.setScale(scale, RoundingMode.HALF_UP).unscaledValue().toByteArray());
    }

    private static void writeVariableScale(JsonGenerator out, Object value) throws IOException {
        if (!(value instanceof BigDecimal decimal)) {
            out.writeNull();
            return;
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        out.writeStartObject();
        out.writeNumberField("scale", stripped.scale());
        out.writeFieldName("value");
        out.writeBinary(stripped.unscaledValue().toByteArray());
        out.writeEndObject();
    }

    /** Debezium's names for the values a decimal has no digits for. */
    private static String specialName(String text) {
        switch (text) {
            case "NaN":
                return "NAN";
            case "Infinity":
                return "POSITIVE_INFINITY";
            default:
                return "NEGATIVE_INFINITY";
        }
    }

    private static double toDouble(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        return Double.parseDouble((String) value);
    }

    private static void writeInteger(JsonGenerator out, Object value) throws IOException {
        out.writeNumber(((Number) value).longValue());
    }

    private static void writeString(JsonGenerator out, Object value) throws IOException {
        out.writeString((String) value);
    }

    // ---- dates and times

    private DebeziumType date() {
        String name = options.timePrecision() == TimePrecision.CONNECT ? "org.apache.kafka.connect.data.Date" : "io.debezium.time.Date";
        return named("int32", name, (out, v) -> {
            if (v instanceof LocalDate d) {
                out.writeNumber((int) d.toEpochDay());
            } else {
                out.writeNull();
            }
        }, LocalDate.EPOCH);
    }

    private DebeziumType time(ValueType type) {
        boolean micros = options.timePrecision() == TimePrecision.ADAPTIVE_TIME_MICROSECONDS
                || options.timePrecision() == TimePrecision.ADAPTIVE && fractionDigits(type) > 3;
        if (options.timePrecision() == TimePrecision.CONNECT) {
            return named("int32", "org.apache.kafka.connect.data.Time", (out, v) -> out.writeNumber((int) (microsOfDay(v) / 1000)), LocalTime.MIDNIGHT);
        }
        if (micros) {
            return named("int64", "io.debezium.time.MicroTime", (out, v) -> out.writeNumber(microsOfDay(v)), LocalTime.MIDNIGHT);
        }
        return named("int32", "io.debezium.time.Time", (out, v) -> out.writeNumber((int) (microsOfDay(v) / 1000)), LocalTime.MIDNIGHT);
    }

    private static long microsOfDay(Object value) {
        return value instanceof LocalTime t ? t.toNanoOfDay() / 1000 : MICROS_PER_DAY;
    }

    private DebeziumType timestamp(ValueType type) {
        if (options.timePrecision() == TimePrecision.CONNECT) {
            return named("int64", "org.apache.kafka.connect.data.Timestamp", DebeziumTypes::writeEpochMillis, LocalDateTime.of(LocalDate.EPOCH, LocalTime.MIDNIGHT));
        }
        if (fractionDigits(type) > 3) {
            return named("int64", "io.debezium.time.MicroTimestamp", DebeziumTypes::writeEpochMicros, LocalDateTime.of(LocalDate.EPOCH, LocalTime.MIDNIGHT));
        }
        return named("int64", "io.debezium.time.Timestamp", DebeziumTypes::writeEpochMillis, LocalDateTime.of(LocalDate.EPOCH, LocalTime.MIDNIGHT));
    }

    private static void writeEpochMicros(JsonGenerator out, Object value) throws IOException {
        if (value instanceof LocalDateTime t) {
            out.writeNumber(Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000));
        } else {
            out.writeNull();
        }
    }

    private static void writeEpochMillis(JsonGenerator out, Object value) throws IOException {
        if (value instanceof LocalDateTime t) {
            out.writeNumber(t.toInstant(ZoneOffset.UTC).toEpochMilli());
        } else {
            out.writeNull();
        }
    }

    private DebeziumType zonedTimestamp(ValueType type) {
        DateTimeFormatter formatter = ZONED_TIMESTAMP[fractionDigits(type)];
        return new DebeziumType(ConnectSchema.named("string", "io.debezium.time.ZonedTimestamp", 1), (out, v) -> {
            if (v instanceof Instant instant) {
                out.writeString(instant.atOffset(ZoneOffset.UTC).format(formatter));
            } else {
                out.writeString((String) v);
            }
        }, "1970-01-01T00:00:00Z", null);
    }

    /** Debezium writes a timestamptz with exactly the column's fractional digits (6 unless declared), none for 0. */
    private static DateTimeFormatter[] zonedTimestampFormatters() {
        DateTimeFormatter[] formatters = new DateTimeFormatter[10];
        formatters[0] = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        for (int width = 1; width < formatters.length; width++) {
            formatters[width] = new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .appendLiteral('T')
                    .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
                    .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
                    .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                    .appendFraction(ChronoField.NANO_OF_SECOND, width, width, true)
                    .appendOffsetId()
                    .toFormatter(Locale.ROOT);
        }
        return formatters;
    }

    private static int fractionDigits(ValueType type) {
        return type.precision() < 0 ? DEFAULT_FRACTION_DIGITS : Math.min(type.precision(), 9);
    }

    private static void writeZonedTime(JsonGenerator out, Object value) throws IOException {
        if (value instanceof OffsetTime time) {
            out.writeString(time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_TIME));
        } else {
            out.writeString((String) value);
        }
    }

    /**
     * Debezium's {@code MicroDuration}: months count 365.25 / 12 days, computed in {@code double}
     * in Debezium's order of operations, so that the microseconds come out the same.
     */
    private static void writeMicroDuration(JsonGenerator out, Object value) throws IOException {
        if (!(value instanceof IntervalValue interval)) {
            out.writeNull();
            return;
        }
        long micros = interval.micros();
        long hours = micros / 3_600_000_000L;
        long minutes = micros % 3_600_000_000L / 60_000_000L;
        double seconds = (micros % 60_000_000L) / 1e6;
        double days = interval.months() * DAYS_PER_MONTH + interval.days();
        double total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
        out.writeNumber((long) (total * 1e6));
    }

    // ---- arrays and the rest

    private DebeziumType array(ValueType type) {
        DebeziumType element = of(type.element());
        // Debezium declares enum elements required, every other element optional.
        boolean optional = type.element().kind() != ValueKind.ENUM;
        ValueWriter elementWriter = element.writer();
        ValueWriter writer = new ValueWriter() {
            @Override
            public void write(JsonGenerator out, Object value) throws IOException {
                out.writeStartArray();
                for (Object item : (List<?>) value) {
                    if (item == null) {
                        out.writeNull();
                    } else if (item instanceof List) {
                        write(out, item);
                    } else {
                        elementWriter.write(out, item);
                    }
                }
                out.writeEndArray();
            }
        };
        Object placeholder = element.placeholder() instanceof String ? List.of(element.placeholder()) : null;
        return new DebeziumType(ConnectSchema.array(element.schema().optional(optional)), writer, List.of(), placeholder);
    }

    private DebeziumType other(ValueType type) {
        String name = type.name();
        if (name.equals("xml")) {
            return new DebeziumType(ConnectSchema.named("string", "io.debezium.data.Xml", 1), DebeziumTypes::writeString, "", PLACEHOLDER);
        }
        if (name.equals("money")) {
            return money();
        }
        if (name.equals("bit") || name.equals("varbit")) {
            return bits(type);
        }
        if (name.equals("hstore") || name.endsWith(".hstore")) {
            return new DebeziumType(ConnectSchema.named("string", "io.debezium.data.Json", 1),
                    (out, v) -> out.writeString(asJson(type, (String) v)), "{}", null);
        }
        return new DebeziumType(ConnectSchema.of("string"), DebeziumTypes::writeString, "", PLACEHOLDER);
    }

    private DebeziumType money() {
        switch (options.decimalHandling()) {
            case DOUBLE:
                return plain("double", (out, v) -> out.writeNumber(moneyAmount(v).doubleValue()), "0");
            case STRING:
                return new DebeziumType(ConnectSchema.of("string"), (out, v) -> out.writeString(moneyAmount(v).toPlainString()), "0", null);
            default:
                return new DebeziumType(decimal(Map.of("scale", "2")), (out, v) -> writeDecimal(out, moneyAmount(v), 2), "0", null);
        }
    }

    /** {@code money} prints with a currency symbol and digit grouping ({@code -$1,234.56}): keep the number. */
    private static BigDecimal moneyAmount(Object value) {
        String text = (String) value;
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c == '.' || c == '-') {
                digits.append(c);
            }
        }
        boolean negative = text.startsWith("(") || digits.indexOf("-") >= 0;
        BigDecimal amount = new BigDecimal(digits.toString().replace("-", "")).setScale(2, RoundingMode.HALF_UP);
        return negative ? amount.negate() : amount;
    }

    /** {@code bit(1)} is a boolean; longer bit strings are {@code io.debezium.data.Bits}, least significant byte first. */
    private static DebeziumType bits(ValueType type) {
        if (type.precision() == 1) {
            return plain("boolean", (out, v) -> out.writeBoolean(((String) v).indexOf('1') >= 0), Boolean.FALSE);
        }
        ConnectSchema schema = ConnectSchema.named("bytes", "io.debezium.data.Bits", 1)
                .withParameters(Map.of("length", Integer.toString(Math.max(type.precision(), 0))));
        return new DebeziumType(schema, (out, v) -> {
            String text = (String) v;
            BitSet bits = new BitSet(text.length());
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(text.length() - 1 - i) == '1') {
                    bits.set(i);
                }
            }
            out.writeBinary(bits.toByteArray());
        }, "", null);
    }

    private static String asJson(ValueType type, String text) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(json)) {
            type.writeJson(text, out);
        }
        return json.toString();
    }
}
