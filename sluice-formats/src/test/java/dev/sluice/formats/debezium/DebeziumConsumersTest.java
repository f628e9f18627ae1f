package dev.sluice.formats.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.formats.testing.SluicePipeline;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import io.debezium.transforms.ExtractNewRecordState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sluice's debezium-json read by real consumers: Kafka Connect's JsonConverter turns each record
 * into a Connect record (validating every value against its schema), Debezium's own
 * ExtractNewRecordState flattens it, and the rows a sink would keep equal the table. Without
 * schemas, JsonConverter reads the bare payloads, which are the same as with schemas.
 */
class DebeziumConsumersTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path state;

    @Test
    void jsonConverterAndExtractNewRecordStateRebuildTheTable() throws Exception {
        String db = PG.createDatabase("consumers");
        execute(db, """
                CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), qty int, added date,
                  seen timestamptz, tags text[], meta jsonb, flag boolean, ratio double precision, amount numeric)""");
        execute(db, "INSERT INTO products VALUES (1, 'one', 1.10, 1, '2024-01-01', '2024-01-01 10:00:00+00', '{a,b}', '{\"k\": 1}',"
                + " true, 0.5, 1.000), (2, 'two', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        String withSchemas = db + "_s";
        String bare = db + "_p";
        try (SluicePipeline a = pipeline(db, withSchemas, true); SluicePipeline b = pipeline(db, bare, false)) {
            a.awaitStreaming(DEADLINE);
            b.awaitStreaming(DEADLINE);
            execute(db, "INSERT INTO products VALUES (3, 'three', 3.33, 3, '1999-12-31', '1999-12-31 23:59:59.999999+00', '{}',"
                    + " '[1, 2]', false, -1e300, -12345678901234567890.5)");
            execute(db, "UPDATE products SET price = 2.20, tags = '{x,NULL}' WHERE id = 2");
            execute(db, "UPDATE products SET id = 4 WHERE id = 1");
            execute(db, "DELETE FROM products WHERE id = 3");
            execute(db, "INSERT INTO products (id, name) VALUES (5, 'five')");

            List<ConsumerRecord<byte[], byte[]>> records = read(withSchemas + ".public.products", 10);
            Map<Integer, Map<String, Object>> rebuilt = flatten(withSchemas + ".public.products", records);
            assertThat(rebuilt).isEqualTo(expectedRows(db));

            List<ConsumerRecord<byte[], byte[]>> bareRecords = read(bare + ".public.products", 10);
            assertThat(bareRecords).hasSameSizeAs(records);
            JsonConverter schemaless = converter(false, false);
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i).value() == null) {
                    assertThat(bareRecords.get(i).value()).isNull();
                    continue;
                }
                Object value = schemaless.toConnectData(bare, bareRecords.get(i).value()).value();
                assertThat(value).isInstanceOf(Map.class);
                assertThat(withoutTimes(parse(bareRecords.get(i).value()), bare))
                        .isEqualTo(withoutTimes(parse(records.get(i).value()).get("payload"), withSchemas));
                assertThat(parse(bareRecords.get(i).key())).isEqualTo(parse(records.get(i).key()).get("payload"));
            }
        }
    }

    private SluicePipeline pipeline(String db, String prefix, boolean schemas) {
        DebeziumOptions options = new DebeziumOptions(schemas, DecimalHandling.PRECISE, TimePrecision.ADAPTIVE, "test");
        return new SluicePipeline(PG, TestKafka.shared(), db, List.of("products"), prefix, prefix, state,
                router -> new DebeziumJsonEncoder(db, prefix, router::topic, options, Clock.systemUTC()), null);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        return new TopicReader(TestKafka.shared().bootstrapServers()).readUntil(List.of(topic), rs -> rs.size() >= count, DEADLINE);
    }

    /** What a sink behind JsonConverter and ExtractNewRecordState keeps: last row per key, deletes remove it. */
    private static Map<Integer, Map<String, Object>> flatten(String topic, List<ConsumerRecord<byte[], byte[]>> records) {
        JsonConverter keys = converter(true, true);
        JsonConverter values = converter(true, false);
        Map<Integer, Map<String, Object>> rows = new TreeMap<>();
        try (ExtractNewRecordState<SinkRecord> flatten = new ExtractNewRecordState<>()) {
            flatten.configure(Map.of());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                SchemaAndValue key = keys.toConnectData(topic, record.key());
                SchemaAndValue value = values.toConnectData(topic, record.value());
                SinkRecord flat = flatten.apply(new SinkRecord(topic, 0, key.schema(), key.value(), value.schema(), value.value(),
                        record.offset()));
                if (flat == null) {
                    continue;
                }
                int id = ((Struct) flat.key()).getInt32("id");
                if (flat.value() == null) {
                    rows.remove(id);
                } else {
                    rows.put(id, row((Struct) flat.value()));
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> row(Struct value) {
        Map<String, Object> row = new TreeMap<>();
        row.put("name", value.getString("name"));
        row.put("price", value.get("price"));
        row.put("qty", value.get("qty"));
        Integer days = value.getInt32("added");
        row.put("added", days == null ? null : LocalDate.ofEpochDay(days));
        String seen = value.getString("seen");
        row.put("seen", seen == null ? null : Instant.parse(seen));
        row.put("tags", value.getArray("tags"));
        String meta = value.getString("meta");
        row.put("meta", meta == null ? null : parse(meta.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        row.put("flag", value.get("flag"));
        row.put("ratio", value.get("ratio"));
        Struct amount = value.getStruct("amount");
        row.put("amount", amount == null ? null
                : new BigDecimal(new java.math.BigInteger(amount.getBytes("value")), amount.getInt32("scale")).stripTrailingZeros());
        return row;
    }

    private static Map<Integer, Map<String, Object>> expectedRows(String db) throws Exception {
        Map<Integer, Map<String, Object>> rows = new TreeMap<>();
        try (Connection c = PG.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, name, price, qty, added, seen AT TIME ZONE 'UTC', tags, meta::text, flag, ratio, amount FROM products")) {
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                row.put("name", rs.getString(2));
                row.put("price", rs.getBigDecimal(3));
                row.put("qty", rs.getObject(4));
                row.put("added", rs.getObject(5, LocalDate.class));
                java.time.LocalDateTime seen = rs.getObject(6, java.time.LocalDateTime.class);
                row.put("seen", seen == null ? null : seen.toInstant(java.time.ZoneOffset.UTC));
                java.sql.Array tags = rs.getArray(7);
                row.put("tags", tags == null ? null : new ArrayList<>(java.util.Arrays.asList((Object[]) tags.getArray())));
                String meta = rs.getString(8);
                row.put("meta", meta == null ? null : parse(meta.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                row.put("flag", rs.getObject(9));
                row.put("ratio", rs.getObject(10));
                BigDecimal amount = rs.getBigDecimal(11);
                row.put("amount", amount == null ? null : amount.stripTrailingZeros());
                rows.put(rs.getInt(1), row);
            }
        }
        return rows;
    }

    private static JsonConverter converter(boolean schemas, boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas)), isKey);
        return converter;
    }

    /** The payload without what differs by run: processing times and the topic-derived server name. */
    private static JsonNode withoutTimes(JsonNode payload, String prefix) {
        ObjectNode copy = payload.deepCopy();
        copy.remove(List.of("ts_ms", "ts_us", "ts_ns"));
        ((ObjectNode) copy.get("source")).remove(List.of("name", "ts_ms", "ts_us", "ts_ns", "lsn", "sequence"));
        return copy;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String db, String sql) throws Exception {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
