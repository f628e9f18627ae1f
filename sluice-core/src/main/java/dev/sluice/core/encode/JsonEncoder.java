package dev.sluice.core.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Sluice's native JSON format.
 *
 * <p>Key: an object of the key columns. Value: {@code {"op", "before", "after", "unchanged"?,
 * "source": {db, schema, table, lsn, txId, commitTs, snapshot}, "ts"}}. Column values are written
 * by their {@link dev.sluice.core.event.ValueType}s; unchanged TOASTed values are left out of the
 * new row and named in {@code unchanged}; columns the source did not send for the old row (the
 * non-key columns of a key-only old row) are left out of {@code before}. Not thread-safe: one instance per pipeline.
 *
 * <p>It runs once per event on the pipeline thread, so it does no per-event work that can be done
 * less often: one generator writes every record into one reset buffer (a generator costs more to
 * create than a small record costs to write); field and column names are escaped and UTF-8-encoded
 * once per table schema; and the {@code source} block, the same for every event of a transaction
 * (or of a table's snapshot), is rendered once and copied as bytes.
 */
public final class JsonEncoder implements Encoder {

    // Astral-plane characters (emoji) as plain UTF-8, not as escaped surrogate pairs. No separator
    // between root values: the reused generator writes one record after the other into a reset buffer.
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .rootValueSeparator((String) null)
            .build();

    private static final SerializedString OP = new SerializedString("op");
    private static final SerializedString BEFORE = new SerializedString("before");
    private static final SerializedString AFTER = new SerializedString("after");
    private static final SerializedString UNCHANGED = new SerializedString("unchanged");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString TS = new SerializedString("ts");
    private static final SerializedString[] OP_CODES = opCodes();

    /** Schemas whose names are kept; a stream re-creates schemas on reconnects, so the cache is bounded. */
    private static final int MAX_CACHED_SCHEMAS = 256;

    private final String database;
    private final Clock clock;
    private final Buffer buffer = new Buffer();
    private final Map<RowSchema, SerializedString[]> columnNames = new IdentityHashMap<>();
    private final SourceBlock source = new SourceBlock();
    private JsonGenerator generator;

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
        JsonGenerator out = start();
        try {
            SerializedString[] names = names(schema);
            out.writeStartObject();
            for (int i : schema.keyIndexes()) {
                out.writeFieldName(names[i]);
                writeValue(out, schema, row, i);
            }
            out.writeEndObject();
            return finish(out);
        } catch (IOException e) {
            throw abandon(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw abandon(e);
        }
    }

    @Override
    public byte[] value(ChangeEvent event) {
        JsonGenerator out = start();
        try {
            SerializedString[] names = names(event.schema());
            out.writeStartObject();
            out.writeFieldName(OP);
            out.writeString(OP_CODES[event.op().ordinal()]);
            out.writeFieldName(BEFORE);
            writeRow(out, event.schema(), names, event.before());
            out.writeFieldName(AFTER);
            writeRow(out, event.schema(), names, event.after());
            writeUnchanged(out, event.schema(), names, event.after());
            out.writeFieldName(SOURCE);
            out.writeRawValue(source.of(event));
            out.writeFieldName(TS);
            out.writeNumber(clock.millis());
            out.writeEndObject();
            return finish(out);
        } catch (IOException e) {
            throw abandon(new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw abandon(e);
        }
    }

    private JsonGenerator start() {
        buffer.reset();
        if (generator == null) {
            try {
                generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generator;
    }

    private byte[] finish(JsonGenerator out) throws IOException {
        out.flush();
        return buffer.toByteArray();
    }

    /** A record that failed half-way leaves the generator inside it: the next record gets a new one. */
    private RuntimeException abandon(RuntimeException e) {
        generator = null;
        return e;
    }

    private SerializedString[] names(RowSchema schema) {
        SerializedString[] names = columnNames.get(schema);
        if (names == null) {
            if (columnNames.size() >= MAX_CACHED_SCHEMAS) {
                columnNames.clear();
            }
            names = new SerializedString[schema.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = new SerializedString(schema.column(i).name());
            }
            columnNames.put(schema, names);
        }
        return names;
    }

    private static void writeRow(JsonGenerator out, RowSchema schema, SerializedString[] names, Row row) throws IOException {
        if (row == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            if (row.isAbsent(i)) {
                continue;
            }
            out.writeFieldName(names[i]);
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

    private static void writeUnchanged(JsonGenerator out, RowSchema schema, SerializedString[] names, Row row) throws IOException {
        if (row == null || !row.hasAbsent()) {
            return;
        }
        out.writeFieldName(UNCHANGED);
        out.writeStartArray();
        for (int i = 0; i < schema.size(); i++) {
            if (row.isAbsent(i)) {
                out.writeString(names[i]);
            }
        }
        out.writeEndArray();
    }

    private static SerializedString[] opCodes() {
        SerializedString[] codes = new SerializedString[Operation.values().length];
        for (Operation op : Operation.values()) {
            codes[op.ordinal()] = new SerializedString(op.code());
        }
        return codes;
    }

    /**
     * The last {@code source} object written, and what it was written for. Events of one
     * transaction share table (mostly), position, transaction and commit time; a snapshot's rows
     * of one table share all of it.
     */
    private final class SourceBlock {
        private TableId table;
        private Lsn lsn;
        private long txId;
        private long commitTimeMicros;
        private boolean snapshot;
        private SerializedString rendered;
        private final Buffer bytes = new Buffer();
        private JsonGenerator generator;

        SerializableString of(ChangeEvent event) throws IOException {
            if (rendered == null || !event.table().equals(table) || !event.lsn().equals(lsn) || event.txId() != txId
                    || event.commitTimeMicros() != commitTimeMicros || event.snapshot() != snapshot) {
                table = event.table();
                lsn = event.lsn();
                txId = event.txId();
                commitTimeMicros = event.commitTimeMicros();
                snapshot = event.snapshot();
                rendered = new SerializedString(render(event));
            }
            return rendered;
        }

        private String render(ChangeEvent event) throws IOException {
            // Its own generator and buffer: it runs while the record's generator is mid-object.
            bytes.reset();
            if (generator == null) {
                generator = FACTORY.createGenerator(bytes, JsonEncoding.UTF8);
            }
            JsonGenerator out = generator;
            try {
                out.writeStartObject();
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
                out.flush();
            } catch (IOException | RuntimeException e) {
                generator = null;
                throw e;
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** A reusable output buffer: one per encoder, reset for every record. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }
    }
}
