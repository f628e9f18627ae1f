package dev.sluice.core.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.spi.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Sluice's native JSON format.
 *
 * <p>Key: an object of the key columns. Value: {@code {"op", "before", "after", "unchanged"?,
 * "source": {db, schema, table, lsn, txId, commitTs, snapshot}, "ts"}}. Column values are written
 * by their {@link dev.sluice.core.event.ValueType}s; unchanged TOASTed values are left out of the
 * new row and named in {@code unchanged}; columns the source did not send for the old row (the
 * non-key columns of a key-only old row) are left out of {@code before}. Not thread-safe: one instance per pipeline.
 */
public final class JsonEncoder implements Encoder {

    // Astral-plane characters (emoji) as plain UTF-8, not as escaped surrogate pairs.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private final String database;
    private final Clock clock;
    private final Buffer buffer = new Buffer();

    public JsonEncoder(String database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public byte[] key(ChangeEvent event) {
        RowSchema schema = event.schema();
        Row row = event.keyRow();
        if (!schema.keyed() || row == null) {
            return null;
        }
        try (JsonGenerator out = generator()) {
            out.writeStartObject();
            for (int i : schema.keyIndexes()) {
                out.writeFieldName(schema.column(i).name());
                writeValue(out, schema, row, i);
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    @Override
    public byte[] value(ChangeEvent event) {
        try (JsonGenerator out = generator()) {
            out.writeStartObject();
            out.writeStringField("op", event.op().code());
            out.writeFieldName("before");
            writeRow(out, event.schema(), event.before());
            out.writeFieldName("after");
            writeRow(out, event.schema(), event.after());
            writeUnchanged(out, event.schema(), event.after());
            writeSource(out, event);
            out.writeNumberField("ts", clock.millis());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private JsonGenerator generator() throws IOException {
        buffer.reset();
        return FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
    }

    private static void writeRow(JsonGenerator out, RowSchema schema, Row row) throws IOException {
        if (row == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        for (int i = 0; i < schema.size(); i++) {
            if (row.isAbsent(i)) {
                continue;
            }
            out.writeFieldName(schema.column(i).name());
            writeValue(out, schema, row, i);
        }
        out.writeEndObject();
    }

    private static void writeValue(JsonGenerator out, RowSchema schema, Row row, int column) throws IOException {
        String text = row.value(column);
        if (text == null) {
            out.writeNull();
        } else {
            schema.column(column).type().writeJson(text, out);
        }
    }

    private static void writeUnchanged(JsonGenerator out, RowSchema schema, Row row) throws IOException {
        if (row == null || !row.hasAbsent()) {
            return;
        }
        out.writeArrayFieldStart("unchanged");
        for (int i = 0; i < schema.size(); i++) {
            if (row.isAbsent(i)) {
                out.writeString(schema.column(i).name());
            }
        }
        out.writeEndArray();
    }

    private void writeSource(JsonGenerator out, ChangeEvent event) throws IOException {
        out.writeObjectFieldStart("source");
        out.writeStringField("db", database);
        out.writeStringField("schema", event.table().schema());
        out.writeStringField("table", event.table().table());
        out.writeStringField("lsn", event.lsn().toString());
        out.writeNumberField("txId", event.txId());
        out.writeFieldName("commitTs");
        if (event.commitTimeMicros() == 0) {
            out.writeNull();
        } else {
            long micros = event.commitTimeMicros();
            out.writeString(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString());
        }
        out.writeBooleanField("snapshot", event.snapshot());
        out.writeEndObject();
    }

    /** A reusable output buffer: one per encoder, reset for every record. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }
    }
}
