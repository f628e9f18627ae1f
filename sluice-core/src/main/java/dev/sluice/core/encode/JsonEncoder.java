package dev.sluice.core.encode;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.Encoder;
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
 * non-key columns of a key-only old row) are left out of {@code before}. Not thread-safe: one
 * instance per thread.
 *
 * <p>It runs once per event, so it does no per-event work that can be done less often: every
 * record is written straight into one reset {@link JsonBytes} buffer (no generator between: its
 * per-call checks cost more than the small values); field and column names are escaped and
 * UTF-8-encoded once per table schema; and the {@code source} block, the same for every event of a
 * transaction (or of a table's snapshot), is rendered once and copied as bytes.
 */
public final class JsonEncoder implements Encoder {

    private static final byte[] OP = ascii("{\"op\":");
    private static final byte[] BEFORE = ascii(",\"before\":");
    private static final byte[] AFTER = ascii(",\"after\":");
    private static final byte[] UNCHANGED = ascii(",\"unchanged\":[");
    private static final byte[] SOURCE = ascii(",\"source\":");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[][] OP_CODES = opCodes();

    /** Schemas whose names are kept; a stream re-creates schemas on reconnects, so the cache is bounded. */
    private static final int MAX_CACHED_SCHEMAS = 256;

    private final String database;
    private final Clock clock;
    private final JsonBytes out = new JsonBytes(1024);
    private final Map<RowSchema, byte[][]> columnNames = new IdentityHashMap<>();
    private final SourceBlock source = new SourceBlock();
    private final Timestamp timestamp = new Timestamp();

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
        byte[][] names = names(schema);
        out.reset();
        char separator = '{';
        try {
            for (int i : schema.keyIndexes()) {
                out.writeAscii(separator);
                separator = ',';
                out.writeRaw(names[i]);
                writeValue(schema, row, i);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.writeAscii('}');
        return out.toByteArray();
    }

    @Override
    public byte[] value(ChangeEvent event) {
        byte[][] names = names(event.schema());
        out.reset();
        try {
            out.writeRaw(OP);
            out.writeRaw(OP_CODES[event.op().ordinal()]);
            out.writeRaw(BEFORE);
            writeRow(event.schema(), names, event.before());
            out.writeRaw(AFTER);
            writeRow(event.schema(), names, event.after());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeUnchanged(event.schema(), event.after());
        out.writeRaw(SOURCE);
        out.writeRaw(source.of(event));
        out.writeRaw(TS);
        out.writeRaw(timestamp.of(clock.millis()));
        out.writeAscii('}');
        return out.toByteArray();
    }

    /** Each column's name as a JSON field name with its colon: {@code "name":}. */
    private byte[][] names(RowSchema schema) {
        byte[][] names = columnNames.get(schema);
        if (names == null) {
            if (columnNames.size() >= MAX_CACHED_SCHEMAS) {
                columnNames.clear();
            }
            names = new byte[schema.size()][];
            JsonBytes name = new JsonBytes(64);
            for (int i = 0; i < names.length; i++) {
                name.reset();
                name.writeString(schema.column(i).name());
                name.writeAscii(':');
                names[i] = name.toByteArray();
            }
            columnNames.put(schema, names);
        }
        return names;
    }

    private void writeRow(RowSchema schema, byte[][] names, Row row) throws IOException {
        if (row == null) {
            out.writeNull();
            return;
        }
        char separator = '{';
        for (int i = 0; i < names.length; i++) {
            if (row.isAbsent(i)) {
                continue;
            }
            out.writeAscii(separator);
            separator = ',';
            out.writeRaw(names[i]);
            writeValue(schema, row, i);
        }
        if (separator == '{') {
            out.writeAscii('{');
        }
        out.writeAscii('}');
    }

    private void writeValue(RowSchema schema, Row row, int column) throws IOException {
        String text = row.value(column);
        if (text == null) {
            out.writeNull();
        } else {
            schema.column(column).type().writeJson(text, out);
        }
    }

    private void writeUnchanged(RowSchema schema, Row row) {
        if (row == null || !row.hasAbsent()) {
            return;
        }
        out.writeRaw(UNCHANGED);
        boolean first = true;
        for (int i = 0; i < schema.size(); i++) {
            if (row.isAbsent(i)) {
                if (!first) {
                    out.writeAscii(',');
                }
                first = false;
                out.writeString(schema.column(i).name());
            }
        }
        out.writeAscii(']');
    }

    private static byte[][] opCodes() {
        byte[][] codes = new byte[Operation.values().length][];
        for (Operation op : Operation.values()) {
            codes[op.ordinal()] = ascii("\"" + op.code() + "\"");
        }
        return codes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The last {@code ts} written, as digits: many records are written within one millisecond. */
    private static final class Timestamp {
        private final JsonBytes digits = new JsonBytes(24);
        private long millis = -1;
        private byte[] rendered;

        byte[] of(long now) {
            if (now != millis) {
                millis = now;
                digits.reset();
                digits.writeNumber(now);
                rendered = digits.toByteArray();
            }
            return rendered;
        }
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
        private byte[] rendered;
        private final JsonBytes bytes = new JsonBytes(256);

        byte[] of(ChangeEvent event) {
            if (rendered == null || !event.table().equals(table) || !event.lsn().equals(lsn) || event.txId() != txId
                    || event.commitTimeMicros() != commitTimeMicros || event.snapshot() != snapshot) {
                table = event.table();
                lsn = event.lsn();
                txId = event.txId();
                commitTimeMicros = event.commitTimeMicros();
                snapshot = event.snapshot();
                rendered = render(event);
            }
            return rendered;
        }

        private byte[] render(ChangeEvent event) {
            bytes.reset();
            bytes.writeRaw(ascii("{\"db\":"));
            bytes.writeString(database);
            bytes.writeRaw(ascii(",\"schema\":"));
            bytes.writeString(event.table().schema());
            bytes.writeRaw(ascii(",\"table\":"));
            bytes.writeString(event.table().table());
            bytes.writeRaw(ascii(",\"lsn\":"));
            bytes.writeString(event.lsn().toString());
            bytes.writeRaw(ascii(",\"txId\":"));
            bytes.writeNumber(event.txId());
            bytes.writeRaw(ascii(",\"commitTs\":"));
            long micros = event.commitTimeMicros();
            if (micros == 0) {
                bytes.writeNull();
            } else {
                bytes.writeString(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L).toString());
            }
            bytes.writeRaw(ascii(",\"snapshot\":"));
            bytes.writeBoolean(event.snapshot());
            bytes.writeAscii('}');
            return bytes.toByteArray();
        }
    }
}
