package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.encode.JsonBytes;
import dev.sluice.core.event.ValueKind;
import java.io.IOException;
import java.util.List;

/**
 * A type whose values are rendered by one {@link TextRendering}: every type but arrays.
 *
 * @param kind      what encoders with a schema see
 * @param precision from the column's type modifier (see {@link dev.sluice.core.event.ValueType#precision()}), -1 if none
 * @param scale     a {@code numeric}'s declared scale, -1 if none
 * @param labels    an enum's labels in their order; empty otherwise
 */
record ScalarType(String name, TextRendering rendering, ValueKind kind, int precision, int scale, List<String> labels)
        implements PgValueType {

    /** Numeric {@code typmod}s carry {@code VARHDRSZ} (4) above {@code precision << 16 | scale}. */
    private static final int VARHDRSZ = 4;
    private static final int INTERVAL_FULL_PRECISION = 0xFFFF;

    ScalarType {
        labels = List.copyOf(labels);
    }

    /** A type with nothing to tell encoders beyond its text. */
    ScalarType(String name, TextRendering rendering) {
        this(name, rendering, ValueKind.OTHER, -1, -1, List.of());
    }

    ScalarType(String name, TextRendering rendering, ValueKind kind) {
        this(name, rendering, kind, -1, -1, List.of());
    }

    @Override
    public void writeJson(String text, JsonGenerator out) throws IOException {
        rendering.write(text, out);
    }

    @Override
    public void writeJson(String text, JsonBytes out) throws IOException {
        rendering.write(text, out);
    }

    @Override
    public Object toJava(String text) {
        return JavaValues.of(kind, text);
    }

    @Override
    public PgValueType named(String newName) {
        return new ScalarType(newName, rendering, kind, precision, scale, labels);
    }

    @Override
    public PgValueType withModifier(int typmod) {
        if (typmod < 0) {
            return this;
        }
        switch (kind) {
            case NUMERIC:
                if (typmod < VARHDRSZ) {
                    return this;
                }
                int bits = typmod - VARHDRSZ;
                // The scale is an 11-bit two's complement number (negative scales exist since PostgreSQL 15).
                int numericScale = ((bits & 0x7FF) ^ 0x400) - 0x400;
                return declared(bits >>> 16 & 0xFFFF, numericScale);
            case TIME:
            case TIMETZ:
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return declared(typmod, -1);
            case INTERVAL:
                int fraction = typmod & 0xFFFF;
                return fraction == INTERVAL_FULL_PRECISION ? this : declared(fraction, -1);
            case TEXT:
                return typmod >= VARHDRSZ ? declared(typmod - VARHDRSZ, -1) : this;
            default:
                return name.equals("bit") || name.equals("varbit") ? declared(typmod, -1) : this;
        }
    }

    private ScalarType declared(int newPrecision, int newScale) {
        return new ScalarType(name, rendering, kind, newPrecision, newScale, labels);
    }
}
