package dev.sluice.postgres.types;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.encode.JsonBytes;
import java.io.IOException;

/**
 * The ways a PostgreSQL text form becomes JSON. A closed set: every type maps to one of these (an
 * array to its element's), and anything not named here is a string of the text, which is always
 * lossless. See TYPES.md for the table of types.
 */
enum TextRendering {
    /** The text as a JSON string. */
    STRING((text, out) -> out.writeString(text)),
    /** Integers, {@code numeric} and floats: a JSON number of the printed digits; NaN and infinities as strings. */
    NUMBER(NumberText::write),
    /** {@code t} / {@code f} as {@code true} / {@code false}. */
    BOOLEAN(TextRendering::writeBoolean),
    /** {@code bytea} as base64. */
    BYTEA(ByteaText::write),
    /** {@code json} and {@code jsonb}: the document itself, which the server validated on input. */
    JSON((text, out) -> out.writeRawValue(text)),
    /** {@code date} as ISO-8601. */
    DATE(DateTimeText::writeDate),
    /** {@code timestamp} and {@code timestamptz} as ISO-8601. */
    TIMESTAMP(DateTimeText::writeTimestamp),
    /** {@code time} and {@code timetz} as ISO-8601. */
    TIME(DateTimeText::writeTime),
    /** {@code hstore} as an object of strings and nulls. */
    HSTORE(HstoreText::write),
    /** {@code int2vector} and {@code oidvector} (space-separated) as an array of numbers. */
    VECTOR(NumberText::writeVector);

    private final Writer writer;

    TextRendering(Writer writer) {
        this.writer = writer;
    }

    void write(String text, JsonGenerator out) throws IOException {
        writer.write(text, out);
    }

    /**
     * The same, straight into bytes. A switch rather than a second writer per constant: the
     * compiler inlines every branch, where a call through one interface for ten lambdas it cannot.
     * Hstore, vectors and bytea go through a generator there too.
     */
    void write(String text, JsonBytes out) throws IOException {
        switch (this) {
            case STRING -> out.writeString(text);
            case NUMBER -> NumberText.write(text, out);
            case BOOLEAN -> out.writeBoolean(booleanOf(text));
            case JSON -> out.writeRaw(text);
            case DATE -> DateTimeText.writeDate(text, out);
            case TIMESTAMP -> DateTimeText.writeTimestamp(text, out);
            case TIME -> DateTimeText.writeTime(text, out);
            default -> out.throughGenerator(generator -> write(text, generator));
        }
    }

    private static void writeBoolean(String text, JsonGenerator out) throws IOException {
        out.writeBoolean(booleanOf(text));
    }

    private static boolean booleanOf(String text) {
        if (text.equals("t")) {
            return true;
        }
        if (text.equals("f")) {
            return false;
        }
        throw new MalformedValueException("boolean", "t or f", 0, text);
    }

    @FunctionalInterface
    private interface Writer {
        void write(String text, JsonGenerator out) throws IOException;
    }

}
