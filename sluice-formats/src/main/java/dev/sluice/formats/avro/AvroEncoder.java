package dev.sluice.formats.avro;

import dev.sluice.core.event.ChangeEvent;
import dev.sluice.core.event.Row;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.TableId;
import dev.sluice.core.spi.Encoder;
import dev.sluice.formats.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro in the Confluent wire format: a zero byte, the schema's registry id (4 bytes, big-endian),
 * then the Avro binary datum. Key and value schemas ({@link AvroTable}) are registered under
 * {@code <topic>-key} and {@code <topic>-value} (Confluent's TopicNameStrategy) when a table's
 * columns are first seen, which for a changed table (a new pgoutput Relation after
 * {@code ALTER TABLE}) is before its first record with the new columns: no record is written
 * with a schema the registry does not hold. A registry error stops the record (see
 * {@link dev.sluice.formats.registry.RegistryFailure}).
 *
 * <p>Values follow {@link AvroTypes}. Not thread-safe: one instance per pipeline.
 */
public final class AvroEncoder implements Encoder {

    private static final int CACHED_TABLES = 256;

    private final String database;
    private final Function<TableId, String> topics;
    private final SchemaRegistryClient registry;
    private final Clock clock;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private BinaryEncoder encoder;
    private final Map<RowSchema, Registered> tables = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RowSchema, Registered> eldest) {
            return size() > CACHED_TABLES;
        }
    };

    private record Registered(AvroTable table, int keyId, int valueId) {
    }

    public AvroEncoder(String database, Function<TableId, String> topics, SchemaRegistryClient registry, Clock clock) {
        this.database = database;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public byte[] key(ChangeEvent event) {
        Row row = event.keyRow();
        if (!event.schema().keyed() || row == null) {
            return null;
        }
        Registered registered = registered(event.schema());
        BinaryEncoder out = start(registered.keyId());
        try {
            for (int i : event.schema().keyIndexes()) {
                String text = row.value(i);
                if (text == null || row.isAbsent(i)) {
                    throw new IllegalStateException("key column " + event.schema().column(i).name() + " of " + event.table()
                            + " has no value");
                }
                AvroFields.writeRequired(out, registered.table().types[i], event.schema().column(i).type().toJava(text), text);
            }
            return finish(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] value(ChangeEvent event) {
        Registered registered = registered(event.schema());
        AvroTable table = registered.table();
        BinaryEncoder out = start(registered.valueId());
        try {
            out.writeString(event.op().code());
            writeRow(out, table, event.before());
            writeRow(out, table, event.after());
            writeUnchanged(out, table, event.after());
            out.writeString(database);
            out.writeString(event.table().schema());
            out.writeString(event.table().table());
            out.writeString(event.lsn().toString());
            out.writeLong(event.txId());
            if (event.commitTimeMicros() == 0) {
                out.writeIndex(0);
            } else {
                out.writeIndex(1);
                out.writeLong(event.commitTimeMicros());
            }
            out.writeBoolean(event.snapshot());
            out.writeLong(clock.millis());
            return finish(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Registered registered(RowSchema schema) {
        Registered registered = tables.get(schema);
        if (registered == null) {
            String topic = topics.apply(schema.table());
            AvroTable table = new AvroTable(schema, topic);
            int keyId = table.key == null ? -1 : registry.register(topic + "-key", table.key.toString());
            int valueId = registry.register(topic + "-value", table.envelope.toString());
            registered = new Registered(table, keyId, valueId);
            tables.put(schema, registered);
        }
        return registered;
    }

    private BinaryEncoder start(int schemaId) {
        buffer.reset();
        buffer.write(0);
        buffer.write(schemaId >>> 24);
        buffer.write(schemaId >>> 16);
        buffer.write(schemaId >>> 8);
        buffer.write(schemaId);
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        return encoder;
    }

    private byte[] finish(BinaryEncoder out) throws IOException {
        out.flush();
        return buffer.toByteArray();
    }

    /** A row, or null; a value the source did not send (unchanged TOAST, a key-only old row's other columns) is null here. */
    private static void writeRow(BinaryEncoder out, AvroTable table, Row row) throws IOException {
        if (row == null) {
            out.writeIndex(0);
            return;
        }
        out.writeIndex(1);
        for (int i = 0; i < table.types.length; i++) {
            String text = row.isAbsent(i) ? null : row.value(i);
            AvroFields.writeNullable(out, table.types[i], text == null ? null : table.schema.column(i).type().toJava(text), text);
        }
    }

    private static void writeUnchanged(BinaryEncoder out, AvroTable table, Row after) throws IOException {
        int count = 0;
        if (after != null && after.hasAbsent()) {
            for (int i = 0; i < table.types.length; i++) {
                count += after.isAbsent(i) ? 1 : 0;
            }
        }
        out.writeArrayStart();
        out.setItemCount(count);
        if (count > 0) {
            for (int i = 0; i < table.types.length; i++) {
                if (after.isAbsent(i)) {
                    out.startItem();
                    out.writeString(table.schema.column(i).name());
                }
            }
        }
        out.writeArrayEnd();
    }
}
