package dev.sluice.formats.avro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.formats.registry.RegistryFailure;
import dev.sluice.formats.registry.RegistrySettings;
import dev.sluice.formats.registry.SchemaRegistryClient;
import dev.sluice.formats.testing.ConfluentAvro;
import dev.sluice.formats.testing.SluicePipeline;
import dev.sluice.formats.testing.TestSchemaRegistry;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type of the type matrix through the Avro encoder, snapshot and stream, decoded by plain
 * Apache Avro from the Confluent wire format with the schema fetched from the registry.
 */
class AvroTypeMatrixTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final String VALUES = """
            -32768, 9223372036854775807, 12345678901234567890.123456789, 12.5, 'NaN', '-Infinity', true,
            'é ☃ 😀 "q" \\ tab	', 'varchar', 'ab', '\\x00ff10', '2024-02-29', '23:59:59.999999', '13:45+05:30',
            '2024-02-29 13:45:00.123456', '2024-02-29 13:45:00.123456+00', '1 year 2 mons 3 days 04:05:06.5',
            'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2.50]}', '{"b": null, "a": "x"}', '{1,NULL,3}',
            '{{"a,b","c\\\\d"},{NULL,"{}"}}', 'happy', 3.14, '192.168.0.1/24', 12.34, B'1010', '<a>x</a>', '(1,2)',
            '[1,5)', '{2.50,NaN,NULL}', '{sad,happy}'""";

    @TempDir
    Path state;

    @Test
    void everyTypeDecodesWithPlainAvroTheSameInSnapshotAndStream() throws Exception {
        String db = PG.createDatabase("avro_types");
        execute(db, "CREATE TYPE mood AS ENUM ('sad', 'happy')");
        execute(db, "CREATE DOMAIN positive AS numeric CHECK (VALUE > 0)");
        execute(db, """
                CREATE TABLE typed (id int PRIMARY KEY, i2 smallint, i8 bigint, n numeric, n2 numeric(10,2), f4 real,
                  f8 double precision, b boolean, t text, vc varchar(10), c char(4), by bytea, d date, tm time, tmz timetz,
                  ts timestamp, tz timestamptz, iv interval, u uuid, j json, jb jsonb, ai int[], at text[][], m mood,
                  dp positive, ip inet, mo money, bt bit(4), x xml, pt point, r int4range, na numeric(6,2)[], ma mood[],
                  "Zähler.x" int)""");
        execute(db, "INSERT INTO typed VALUES (1, " + VALUES + ", 7)");
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            SchemaRegistryClient client = new SchemaRegistryClient(new RegistrySettings(registry.url(), null, null, RegistryFailure.STOP));
            try (SluicePipeline sluice = new SluicePipeline(PG, TestKafka.shared(), db, List.of("typed"), db, db, state,
                    router -> new AvroEncoder(db, router::topic, client, Clock.systemUTC()), null)) {
                sluice.awaitStreaming(DEADLINE);
                execute(db, "INSERT INTO typed VALUES (2, " + VALUES + ", 7)");
                execute(db, "INSERT INTO typed (id, n2, d, tm, ts, tz, at, na) VALUES (3, 'NaN', 'infinity', '24:00:00', '-infinity',"
                        + " 'infinity', '{{1,2},{3,4}}', '{{1}}')");
                List<ConsumerRecord<byte[], byte[]>> records = new TopicReader(TestKafka.shared().bootstrapServers())
                        .readUntil(List.of(db + ".public.typed"), rs -> rs.size() >= 3, DEADLINE);
                ConfluentAvro avro = new ConfluentAvro(registry.url());
                GenericRecord snapshot = avro.read(records.get(0).value());
                GenericRecord streamed = avro.read(records.get(1).value());
                GenericRecord special = (GenericRecord) avro.read(records.get(2).value()).get("after");

                assertThat(snapshot.get("op").toString()).isEqualTo("r");
                assertThat(streamed.get("op").toString()).isEqualTo("c");
                assertThat(avro.read(records.get(1).key()).get("id")).isEqualTo(2);
                GenericRecord row = (GenericRecord) streamed.get("after");
                assertThat(withoutId((GenericRecord) snapshot.get("after"))).isEqualTo(withoutId(row));
                assertTypedValues(row);
                assertThat(special.get("n2").toString()).isEqualTo("NaN");
                assertThat(special.get("d").toString()).isEqualTo("infinity");
                assertThat(special.get("tm").toString()).isEqualTo("24:00:00");
                assertThat(special.get("ts").toString()).isEqualTo("-infinity");
                assertThat(special.get("tz").toString()).isEqualTo("infinity");
                assertThat(special.get("at").toString()).isEqualTo("{{1,2},{3,4}}");
                assertThat(special.get("i2")).isNull();

                Schema value = registry.versions(db + ".public.typed-value").get(0).avro().getField("after").schema().getTypes().get(1);
                assertThat(value.getField("n2").schema().getTypes().get(1).getLogicalType().getName()).isEqualTo("decimal");
                assertThat(value.getField("Z_hler_x_" + crcOf("Zähler.x")).getProp(AvroTable.COLUMN_PROPERTY)).isEqualTo("Zähler.x");
                assertThat(value.getFields()).allSatisfy(f -> assertThat(f.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE));
                assertThat(registry.subjects()).containsExactlyInAnyOrder(db + ".public.typed-key", db + ".public.typed-value");
            }
        }
    }

    private static void assertTypedValues(GenericRecord row) {
        assertThat(row.get("i2")).isEqualTo(-32768);
        assertThat(row.get("i8")).isEqualTo(Long.MAX_VALUE);
        assertThat(row.get("n").toString()).isEqualTo("12345678901234567890.123456789");
        assertThat(row.get("n2")).isEqualTo(new BigDecimal("12.50"));
        assertThat((Float) row.get("f4")).isNaN();
        assertThat(row.get("f8")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(row.get("b")).isEqualTo(true);
        assertThat(row.get("t").toString()).isEqualTo("é ☃ 😀 \"q\" \\ tab\t");
        assertThat(row.get("c").toString()).isEqualTo("ab  ");
        assertThat(bytes((ByteBuffer) row.get("by"))).containsExactly(0, -1, 16);
        assertThat(row.get("d")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(row.get("tm")).isEqualTo(LocalTime.parse("23:59:59.999999"));
        assertThat(row.get("tmz").toString()).isEqualTo("13:45:00+05:30");
        assertThat(row.get("ts")).isEqualTo(LocalDateTime.parse("2024-02-29T13:45:00.123456"));
        assertThat(row.get("tz")).isEqualTo(Instant.parse("2024-02-29T13:45:00.123456Z"));
        assertThat(row.get("iv").toString()).isEqualTo("P1Y2M3DT4H5M6.5S");
        assertThat(row.get("u")).isEqualTo(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertThat(row.get("j").toString()).isEqualTo("{\"a\": [1, 2.50]}");
        assertThat(row.get("jb").toString()).isEqualTo("{\"a\": \"x\", \"b\": null}");
        assertThat(row.get("ai").toString()).isEqualTo("[1, null, 3]");
        assertThat(row.get("at").toString()).isEqualTo("{{\"a,b\",\"c\\\\d\"},{NULL,\"{}\"}}");
        assertThat(row.get("m").toString()).isEqualTo("happy");
        assertThat(row.get("dp").toString()).isEqualTo("3.14");
        assertThat(row.get("ip").toString()).isEqualTo("192.168.0.1/24");
        assertThat(row.get("mo").toString()).isEqualTo("$12.34");
        assertThat(row.get("bt").toString()).isEqualTo("1010");
        assertThat(row.get("pt").toString()).isEqualTo("(1,2)");
        assertThat(row.get("r").toString()).isEqualTo("[1,5)");
        assertThat(row.get("na").toString()).isEqualTo("[2.50, NaN, null]");
        assertThat(row.get("ma").toString()).isEqualTo("[sad, happy]");
    }

    private static Map<String, String> withoutId(GenericRecord row) {
        Map<String, String> fields = new TreeMap<>();
        for (Schema.Field field : row.getSchema().getFields()) {
            if (!field.name().equals("id")) {
                Object v = row.get(field.name());
                fields.put(field.name(), v instanceof ByteBuffer b ? Arrays.toString(bytes(b)) : String.valueOf(v));
            }
        }
        return fields;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static String crcOf(String name) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return String.format(java.util.Locale.ROOT, "%08x", crc.getValue());
    }

    private static void execute(String db, String sql) throws Exception {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
