package dev.sluice.formats.avro;

import dev.sluice.core.error.FatalException;
import dev.sluice.core.event.ColumnSchema;
import dev.sluice.core.event.RowSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * One table's Avro schemas, made once per {@link RowSchema}, named after the topic (namespace
 * {@code <prefix>.<schema>.<table>} made legal, records {@code Key}, {@code Value},
 * {@code Source}, {@code Envelope}):
 *
 * <pre>
 * Key      { key columns, each T }
 * Envelope { op: string, before: [null, Value], after: [null, Value], unchanged: array&lt;string&gt;,
 *            source: Source { db, schema, table, lsn: string, txId: long,
 *                             commitTs: [null, timestamp-micros], snapshot: boolean },
 *            ts: timestamp-millis }
 * Value    { every column, each [null, T] default null }
 * </pre>
 *
 * A field whose Avro name differs from the column's carries the column's name in the property
 * {@code sluice.column}. Immutable.
 */
final class AvroTable {

    static final String COLUMN_PROPERTY = "sluice.column";

    final RowSchema schema;
    final AvroType[] types;
    final Schema key;
    final Schema envelope;

    AvroTable(RowSchema schema, String topic) {
        this.schema = schema;
        String namespace = AvroNames.namespace(topic);
        AvroTypes mapping = new AvroTypes(namespace);
        this.types = new AvroType[schema.size()];
        List<Schema.Field> valueFields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < schema.size(); i++) {
            ColumnSchema column = schema.column(i);
            types[i] = mapping.of(column.type());
            String name = AvroNames.of(column.name());
            if (!names.add(name)) {
                throw new FatalException("columns of " + schema.table().quoted() + " map to the same Avro field name " + name
                        + "; rename one of them");
            }
            valueFields.add(field(name, column.name(), AvroFields.nullable(types[i]), JsonProperties.NULL_VALUE));
        }
        Schema value = Schema.createRecord("Value", "A row of " + schema.table().quoted(), namespace, false, valueFields);
        this.key = schema.keyed() ? keySchema(namespace) : null;
        this.envelope = envelope(namespace, value);
    }

    private Schema keySchema(String namespace) {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i : schema.keyIndexes()) {
            ColumnSchema column = schema.column(i);
            fields.add(field(AvroNames.of(column.name()), column.name(), AvroFields.required(types[i]), null));
        }
        return Schema.createRecord("Key", "The key of " + schema.table().quoted(), namespace, false, fields);
    }

    private static Schema.Field field(String name, String column, Schema type, Object defaultValue) {
        Schema.Field field = new Schema.Field(name, type, null, defaultValue);
        if (!name.equals(column)) {
            field.addProp(COLUMN_PROPERTY, column);
        }
        return field;
    }

    private static Schema envelope(String namespace, Schema value) {
        Schema nullableValue = Schema.createUnion(List.of(Schema.create(Schema.Type.NULL), value));
        Schema string = Schema.create(Schema.Type.STRING);
        Schema source = Schema.createRecord("Source", "Where and when the change happened", namespace, false, List.of(
                new Schema.Field("db", string),
                new Schema.Field("schema", string),
                new Schema.Field("table", string),
                new Schema.Field("lsn", string),
                new Schema.Field("txId", Schema.create(Schema.Type.LONG)),
                new Schema.Field("commitTs", Schema.createUnion(List.of(Schema.create(Schema.Type.NULL),
                        LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))), null, JsonProperties.NULL_VALUE),
                new Schema.Field("snapshot", Schema.create(Schema.Type.BOOLEAN))));
        return Schema.createRecord("Envelope", "A change to a row", namespace, false, List.of(
                new Schema.Field("op", string, "c, u, d, r (snapshot read) or t (truncate)"),
                new Schema.Field("before", nullableValue, null, JsonProperties.NULL_VALUE),
                new Schema.Field("after", nullableValue, null, JsonProperties.NULL_VALUE),
                new Schema.Field("unchanged", Schema.createArray(string), "columns of after left out: unchanged TOASTed values",
                        List.of()),
                new Schema.Field("source", source),
                new Schema.Field("ts", LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)),
                        "when Sluice encoded the change")));
    }
}
