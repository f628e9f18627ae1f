package dev.sluice.formats.avro;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;

/**
 * One column type's Avro form.
 *
 * <p>{@code textBranch}: the logical type cannot hold every value of the PostgreSQL type (NaN and
 * the infinities of {@code numeric}, infinite dates and timestamps, {@code 24:00:00},
 * multi-dimensional arrays); such a value goes, as PostgreSQL's text, to a {@code string} branch
 * of the field's union, so that no value is lost or made up.
 *
 * @param schema     the values' schema (not nullable)
 * @param textBranch whether the field's union has a {@code string} branch for values {@code datum} rejects
 * @param datum      turns a Java value ({@link dev.sluice.core.event.ValueType#toJava}) and its text into what {@code writer} writes; null: does not fit
 * @param writer     writes a datum
 */
record AvroType(Schema schema, boolean textBranch, Datum datum, Writer writer) {

    /** Converts a value; null when the logical type cannot hold it. */
    @FunctionalInterface
    interface Datum {
        Object of(Object value, String text);
    }

    @FunctionalInterface
    interface Writer {
        void write(Encoder out, Object datum) throws IOException;
    }
}
