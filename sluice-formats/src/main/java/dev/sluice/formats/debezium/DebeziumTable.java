package dev.sluice.formats.debezium;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.RowSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One table's layout in Debezium's format, made once per {@link RowSchema}: the column types and
 * the key and envelope schemas, rendered to JSON text ahead of time because every record of the
 * table repeats them under {@code schemas.enable}. Names follow Debezium's:
 * {@code <topic>.Key}, {@code <topic>.Value}, {@code <topic>.Envelope}. Immutable.
 */
final class DebeziumTable {

    private static final String SNAPSHOT_VALUES = "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental";

    final RowSchema schema;
    final DebeziumType[] types;
    /** As {@link SerializedString}s: they keep their UTF-8 bytes, so a record copies them instead of encoding them again. */
    final SerializedString keySchemaJson;
    final SerializedString envelopeSchemaJson;

    DebeziumTable(RowSchema schema, String topic, DebeziumTypes mapping) {
        this.schema = schema;
        this.types = new DebeziumType[schema.size()];
        List<ConnectSchema.Field> valueFields = new ArrayList<>();
        List<ConnectSchema.Field> keyFields = new ArrayList<>();
        for (int i = 0; i < schema.size(); i++) {
            ColumnSchema column = schema.column(i);
            types[i] = mapping.of(column.type());
            ConnectSchema field = types[i].schema().optional(column.nullable());
            valueFields.add(new ConnectSchema.Field(column.name(), field));
        }
        for (int i : schema.keyIndexes()) {
            keyFields.add(new ConnectSchema.Field(schema.column(i).name(), types[i].schema().optional(false)));
        }
        ConnectSchema row = ConnectSchema.struct(topic + ".Value", null, valueFields).optional(true);
        ConnectSchema envelope = ConnectSchema.struct(topic + ".Envelope", 2, List.of(
                new ConnectSchema.Field("before", row),
                new ConnectSchema.Field("after", row),
                new ConnectSchema.Field("source", source()),
                new ConnectSchema.Field("transaction", transaction()),
                new ConnectSchema.Field("op", ConnectSchema.of("string")),
                new ConnectSchema.Field("ts_ms", ConnectSchema.of("int64").optional(true)),
                new ConnectSchema.Field("ts_us", ConnectSchema.of("int64").optional(true)),
                new ConnectSchema.Field("ts_ns", ConnectSchema.of("int64").optional(true))));
        this.keySchemaJson = schema.keyed() ? new SerializedString(json(ConnectSchema.struct(topic + ".Key", null, keyFields))) : null;
        this.envelopeSchemaJson = new SerializedString(json(envelope));
    }

    private static ConnectSchema source() {
        return ConnectSchema.struct("io.debezium.connector.postgresql.Source", 1, List.of(
                field("version", "string", false),
                field("connector", "string", false),
                field("name", "string", false),
                field("ts_ms", "int64", false),
                new ConnectSchema.Field("snapshot", ConnectSchema.named("string", "io.debezium.data.Enum", 1).optional(true)
                        .withParameters(Map.of("allowed", SNAPSHOT_VALUES)).withDefault("false")),
                field("db", "string", false),
                field("sequence", "string", true),
                field("ts_us", "int64", true),
                field("ts_ns", "int64", true),
                field("schema", "string", false),
                field("table", "string", false),
                field("txId", "int64", true),
                field("lsn", "int64", true),
                field("xmin", "int64", true),
                field("origin", "string", true),
                field("origin_lsn", "int64", true)));
    }

    private static ConnectSchema transaction() {
        return ConnectSchema.struct("event.block", 1, List.of(
                field("id", "string", false),
                field("total_order", "int64", false),
                field("data_collection_order", "int64", false))).optional(true);
    }

    private static ConnectSchema.Field field(String name, String type, boolean optional) {
        return new ConnectSchema.Field(name, ConnectSchema.of(type).optional(optional));
    }

    private static String json(ConnectSchema schema) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = new JsonFactory().createGenerator(text)) {
            schema.write(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
