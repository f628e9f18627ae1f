package dev.sluice.core.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.RowSchema;
import dev.sluice.core.event.SchemaChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The records of the schema-changes topic, in JSON whatever the table topics' format: they are
 * read by people and tools that watch for {@code ALTER TABLE}, rarely and never in bulk.
 *
 * <p>Key: {@code {"schema", "table"}}, so that a table's changes stay in order in one partition.
 * Value: {@code {"table": {schema, table}, "lsn", "txId", "commitTs", "before": [columns],
 * "after": [columns], "added": [names], "dropped": [names], "altered": [names], "ts"}}, where a
 * column is {@code {"name", "type", "kind", "precision"?, "scale"?, "key", "nullable"}}. Not
 * thread-safe: one instance per pipeline.
 */
public final class SchemaChangeEncoder {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final Clock clock;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    public SchemaChangeEncoder(Clock clock) {
        this.clock = clock;
    }

    public byte[] key(SchemaChange change) {
        try (JsonGenerator out = generator()) {
            writeTable(out, change);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public byte[] value(SchemaChange change) {
        try (JsonGenerator out = generator()) {
            out.writeStartObject();
            out.writeFieldName("table");
            writeTable(out, change);
            out.writeStringField("lsn", change.lsn().toString());
            out.writeNumberField("txId", change.txId());
            out.writeFieldName("commitTs");
            if (change.commitTimeMicros() == 0) {
                out.writeNull();
            } else {
                long micros = change.commitTimeMicros();
                out.writeString(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000L).toString());
            }
            writeColumns(out, "before", change.before());
            writeColumns(out, "after", change.after());
            writeDifferences(out, change.before(), change.after());
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

    private static void writeTable(JsonGenerator out, SchemaChange change) throws IOException {
        out.writeStartObject();
        out.writeStringField("schema", change.table().schema());
        out.writeStringField("table", change.table().table());
        out.writeEndObject();
    }

    private static void writeColumns(JsonGenerator out, String field, RowSchema schema) throws IOException {
        out.writeArrayFieldStart(field);
        for (ColumnSchema column : schema.columns()) {
            out.writeStartObject();
            out.writeStringField("name", column.name());
            out.writeStringField("type", column.type().name());
            out.writeStringField("kind", column.type().kind().name().toLowerCase(Locale.ROOT));
            if (column.type().precision() >= 0) {
                out.writeNumberField("precision", column.type().precision());
            }
            if (column.type().scale() >= 0) {
                out.writeNumberField("scale", column.type().scale());
            }
            out.writeBooleanField("key", column.key());
            out.writeBooleanField("nullable", column.nullable());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** Names of added, dropped and altered (type, key or nullability changed) columns, by name. */
    private static void writeDifferences(JsonGenerator out, RowSchema before, RowSchema after) throws IOException {
        Map<String, ColumnSchema> old = new HashMap<>();
        before.columns().forEach(c -> old.put(c.name(), c));
        Map<String, ColumnSchema> now = new HashMap<>();
        after.columns().forEach(c -> now.put(c.name(), c));
        writeNames(out, "added", after.columns().stream().filter(c -> !old.containsKey(c.name())).map(ColumnSchema::name).toList());
        writeNames(out, "dropped", before.columns().stream().filter(c -> !now.containsKey(c.name())).map(ColumnSchema::name).toList());
        writeNames(out, "altered", after.columns().stream()
                .filter(c -> old.containsKey(c.name()) && !old.get(c.name()).equals(c)).map(ColumnSchema::name).toList());
    }

    private static void writeNames(JsonGenerator out, String field, List<String> names) throws IOException {
        out.writeArrayFieldStart(field);
        for (String name : names) {
            out.writeString(name);
        }
        out.writeEndArray();
    }
}
