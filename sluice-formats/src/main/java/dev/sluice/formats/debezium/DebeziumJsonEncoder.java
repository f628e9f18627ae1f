package dev.sluice.formats.debezium;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Lsn;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Debezium's PostgreSQL connector format as Kafka's JsonConverter writes it, so that consumers
 * built on Debezium read Sluice's topics unchanged.
 *
 * <p>Key: a struct of the key columns, {@code {"schema": ..., "payload": {...}}} under
 * {@link DebeziumOptions#schemas()}, else the payload alone. Value: the envelope {@code before},
 * {@code after}, {@code source}, {@code transaction} (always null), {@code op}, {@code ts_ms},
 * {@code ts_us}, {@code ts_ns}. Values follow {@link DebeziumTypes}. Unchanged TOASTed values
 * carry Debezium's placeholder {@code __debezium_unavailable_value} where Debezium has one; the
 * {@code NOT NULL} columns a key-only old row does not carry get their type's zero, as in
 * Debezium. Not thread-safe: one instance per pipeline (it remembers where the snapshot started).
 */
public final class DebeziumJsonEncoder implements Encoder {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int CACHED_TABLES = 256;

    private final String database;
    private final String serverName;
    private final Function<TableId, String> topics;
    private final DebeziumOptions options;
    private final Clock clock;
    private final DebeziumTypes types;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private final Map<RowSchema, DebeziumTable> tables = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowSchema, DebeziumTable> eldest) {
            return size() > CACHED_TABLES;
        }
    };
    private final Set<TableId> snapshotTables = new HashSet<>();
    private long snapshotMicros = -1;
    private Lsn currentLsn;
    private Lsn previousLsn;

    /**
     * @param database   the database name ({@code source.db})
     * @param serverName the topic prefix, Debezium's {@code topic.prefix} ({@code source.name})
     * @param topics     the topic of each table; its schemas are named after it, as Debezium's are
     */
    public DebeziumJsonEncoder(String database, String serverName, Function<TableId, String> topics, DebeziumOptions options,
            Clock clock) {
        this.database = database;
        this.serverName = serverName;
        this.topics = topics;
        this.options = options;
        this.clock = clock;
        this.types = new DebeziumTypes(options);
    }

    @Override
    public byte[] key(ChangeEvent event) {
        Row row = event.keyRow();
        if (!event.schema().keyed() || row == null) {
            return null;
        }
        DebeziumTable table = table(event.schema());
        try (JsonGenerator out = generator()) {
            if (options.schemas()) {
                out.writeStartObject();
                out.writeFieldName("schema");
                out.writeRawValue(table.keySchemaJson);
                out.writeFieldName("payload");
            }
            out.writeStartObject();
            for (int i : event.schema().keyIndexes()) {
                out.writeFieldName(event.schema().column(i).name());
                writeValue(out, table, row, i, false);
            }
            out.writeEndObject();
            if (options.schemas()) {
                out.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    @Override
    public byte[] value(ChangeEvent event) {
        DebeziumTable table = table(event.schema());
        Instant now = clock.instant();
        try (JsonGenerator out = generator()) {
            if (options.schemas()) {
                out.writeStartObject();
                out.writeFieldName("schema");
                out.writeRawValue(table.envelopeSchemaJson);
                out.writeFieldName("payload");
            }
            out.writeStartObject();
            out.writeFieldName("before");
            writeRow(out, table, event.before(), false);
            out.writeFieldName("after");
            writeRow(out, table, event.after(), true);
            writeSource(out, event);
            out.writeNullField("transaction");
            out.writeStringField("op", event.op().code());
            long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            out.writeNumberField("ts_ms", nanos / 1_000_000);
            out.writeNumberField("ts_us", nanos / 1_000);
            out.writeNumberField("ts_ns", nanos);
            out.writeEndObject();
            if (options.schemas()) {
                out.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private DebeziumTable table(RowSchema schema) {
        return tables.computeIfAbsent(schema, s -> new DebeziumTable(s, topics.apply(s.table()), types));
    }

    private JsonGenerator generator() throws IOException {
        buffer.reset();
        return FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
    }

    private static void writeRow(JsonGenerator out, DebeziumTable table, Row row, boolean newRow) throws IOException {
        if (row == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        for (int i = 0; i < table.schema.size(); i++) {
            out.writeFieldName(table.schema.column(i).name());
            writeValue(out, table, row, i, newRow);
        }
        out.writeEndObject();
    }

    /**
     * A value absent from a new row is an unchanged TOASTed one (Debezium's placeholder); absent
     * from an old row, it was not sent (null, or the zero of a required column).
     */
    private static void writeValue(JsonGenerator out, DebeziumTable table, Row row, int column, boolean newRow) throws IOException {
        DebeziumType type = table.types[column];
        String text = row.isAbsent(column) ? null : row.value(column);
        Object value;
        if (text != null) {
            value = table.schema.column(column).type().toJava(text);
        } else if (row.isAbsent(column) && newRow && type.placeholder() != null) {
            value = type.placeholder();
        } else if (!table.schema.column(column).nullable()) {
            value = type.zero();
        } else {
            value = null;
        }
        if (value == null) {
            out.writeNull();
        } else {
            type.writer().write(out, value);
        }
    }

    private void writeSource(JsonGenerator out, ChangeEvent event) throws IOException {
        long micros = sourceMicros(event);
        out.writeObjectFieldStart("source");
        out.writeStringField("version", options.version());
        out.writeStringField("connector", "postgresql");
        out.writeStringField("name", serverName);
        out.writeNumberField("ts_ms", Math.floorDiv(micros, 1000));
        out.writeStringField("snapshot", snapshotMarker(event));
        out.writeStringField("db", database);
        out.writeStringField("sequence", sequence(event));
        out.writeNumberField("ts_us", micros);
        out.writeNumberField("ts_ns", micros * 1000);
        out.writeStringField("schema", event.table().schema());
        out.writeStringField("table", event.table().table());
        if (event.snapshot() || event.txId() == 0) {
            out.writeNullField("txId");
        } else {
            out.writeNumberField("txId", event.txId());
        }
        out.writeNumberField("lsn", event.lsn().value());
        out.writeNullField("xmin");
        out.writeNullField("origin");
        out.writeNullField("origin_lsn");
        out.writeEndObject();
    }

    /** Commit time for streamed changes; for a snapshot, when it started (its first row), as Debezium. */
    private long sourceMicros(ChangeEvent event) {
        if (!event.snapshot()) {
            return event.commitTimeMicros();
        }
        if (snapshotMicros < 0) {
            Instant now = clock.instant();
            snapshotMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        }
        return snapshotMicros;
    }

    /**
     * Debezium marks the snapshot's first row {@code first}, each later table's first row
     * {@code first_in_data_collection}, the others {@code true}. It also marks last rows, which
     * Sluice cannot know without reading ahead: they stay {@code true}.
     */
    private String snapshotMarker(ChangeEvent event) {
        if (!event.snapshot()) {
            return "false";
        }
        boolean firstOfSnapshot = snapshotTables.isEmpty();
        if (snapshotTables.add(event.table())) {
            return firstOfSnapshot ? "first" : "first_in_data_collection";
        }
        return "true";
    }

    /**
     * Debezium's {@code sequence}, as decimal strings: here the previous transaction's commit
     * position (null for the first one this run sees, and for snapshot rows) and this change's.
     */
    private String sequence(ChangeEvent event) {
        String lsn = Long.toUnsignedString(event.lsn().value());
        if (event.snapshot()) {
            return "[null,\"" + lsn + "\"]";
        }
        if (!event.lsn().equals(currentLsn)) {
            previousLsn = currentLsn;
            currentLsn = event.lsn();
        }
        String previous = previousLsn == null ? "null" : "\"" + Long.toUnsignedString(previousLsn.value()) + "\"";
        return "[" + previous + ",\"" + lsn + "\"]";
    }
}
