package dev.sluice.formats.avro;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;

/**
 * The unions around a column's {@link AvroType} and how a value picks its branch: a row's field
 * is {@code ["null", T]} (so adding and dropping columns stays compatible both ways), or
 * {@code ["null", T, "string"]} when values may not fit {@code T}; a key's field is {@code T} or
 * {@code [T, "string"]}, since key columns are never NULL.
 */
final class AvroFields {

    private static final Schema NULL = Schema.create(Schema.Type.NULL);
    private static final Schema STRING = Schema.create(Schema.Type.STRING);

    private AvroFields() {
    }

    static Schema nullable(AvroType type) {
        return type.textBranch() ? Schema.createUnion(List.of(NULL, type.schema(), STRING)) : Schema.createUnion(List.of(NULL, type.schema()));
    }

    static Schema required(AvroType type) {
        return type.textBranch() ? Schema.createUnion(List.of(type.schema(), STRING)) : type.schema();
    }

    /** Writes {@code value} (a Java value, null for NULL) into a {@link #nullable} union; {@code text} is its text if known. */
    static void writeNullable(Encoder out, AvroType type, Object value, String text) throws IOException {
        if (value == null) {
            out.writeIndex(0);
            return;
        }
        Object datum = type.datum().of(value, text);
        if (datum != null) {
            out.writeIndex(1);
            type.writer().write(out, datum);
        } else {
            out.writeIndex(2);
            out.writeString(text != null ? text : String.valueOf(value));
        }
    }

    /** Writes a key column's value into a {@link #required} field. */
    static void writeRequired(Encoder out, AvroType type, Object value, String text) throws IOException {
        Object datum = type.datum().of(value, text);
        if (!type.textBranch()) {
            type.writer().write(out, datum);
        } else if (datum != null) {
            out.writeIndex(0);
            type.writer().write(out, datum);
        } else {
            out.writeIndex(1);
            out.writeString(text != null ? text : String.valueOf(value));
        }
    }
}
