package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output contract of the README, as a consumer of the topics sees it. */
class OutputContractTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path state;

    @Test
    void mixedCaseQuotedUnicodeAndDottedIdentifiersWorkEndToEnd() throws Exception {
        String db = PG.createDatabase("names");
        execute(db, "CREATE SCHEMA \"Mixed Schema\"");
        execute(db, "CREATE TABLE \"Mixed Schema\".\"Dotted.Table\" (\"Id\" int PRIMARY KEY, \"ünïcödé ☃\" text, "
                + "\"quote\"\"d\" text, \"with.dot\" int)");
        execute(db, "INSERT INTO \"Mixed Schema\".\"Dotted.Table\" VALUES (1, 'snap', 'q', 1)");
        SluiceConfig config = config(db, List.of("\"Mixed Schema\".\"Dotted.Table\""));
        try (EngineHarness sluice = new EngineHarness(config)) {
            Poll.until(DEADLINE, () -> slotActive(db), "streaming");
            execute(db, "INSERT INTO \"Mixed Schema\".\"Dotted.Table\" VALUES (2, 'stream', 'q2', 2)");
            List<ConsumerRecord<byte[], byte[]>> records = await(db + ".Mixed_Schema.Dotted.Table", 2);
            JsonNode key = TableState.parse(records.get(1).key());
            JsonNode value = TableState.parse(records.get(1).value());
            assertThat(key.get("Id").asInt()).isEqualTo(2);
            assertThat(value.get("after").get("ünïcödé ☃").asText()).isEqualTo("stream");
            assertThat(value.get("after").get("quote\"d").asText()).isEqualTo("q2");
            assertThat(value.get("after").get("with.dot").asInt()).isEqualTo(2);
            assertThat(value.get("source").get("schema").asText()).isEqualTo("Mixed Schema");
            assertThat(value.get("source").get("table").asText()).isEqualTo("Dotted.Table");
        }
    }

    @Test
    void everyTypeReadsTheSameInTheSnapshotAndTheStream() throws Exception {
        String db = PG.createDatabase("types");
        execute(db, "CREATE TYPE mood AS ENUM ('sad', 'happy')");
        execute(db, "CREATE DOMAIN positive AS numeric CHECK (VALUE > 0)");
        execute(db, """
                CREATE TABLE typed (id int PRIMARY KEY, i2 smallint, i8 bigint, n numeric, f4 real, f8 double precision,
                  b boolean, t text, vc varchar(10), c char(4), by bytea, d date, tm time, tmz timetz, ts timestamp,
                  tz timestamptz, iv interval, u uuid, j json, jb jsonb, ai int[], at text[][], m mood, dp positive,
                  ip inet, cidr cidr, mac macaddr, mo money, bt bit(4), vb varbit, x xml, tv tsvector, pt point,
                  bx box, r int4range, pg_lsn pg_lsn)""");
        String values = """
                -32768, 9223372036854775807, 12345678901234567890.123456789, 'NaN', '-Infinity', true,
                'é ☃ 😀 "q" \\ tab	', 'varchar', 'ab', '\\x00ff10', '4713-01-01 BC', '23:59:59.999999', '13:45+05:30',
                'infinity', '2024-02-29 13:45:00.123456+00', '1 year 2 mons 3 days 04:05:06.5', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                '{"a": [1, 2.50]}', '{"b": null, "a": "x"}', '{1,NULL,3}', '{{"a,b","c\\\\d"},{NULL,"{}"}}', 'happy', 3.14,
                '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', 12.34, B'1010', B'101', '<a>x</a>',
                'a fat cat', '(1,2)', '((0,0),(1,1))', '[1,5)', '16/B374D848'""";
        execute(db, "INSERT INTO typed VALUES (1, " + values + ")");
        try (EngineHarness sluice = new EngineHarness(config(db, List.of("typed")))) {
            Poll.until(DEADLINE, () -> slotActive(db), "streaming");
            execute(db, "INSERT INTO typed VALUES (2, " + values + ")");
            List<ConsumerRecord<byte[], byte[]>> records = await(db + ".public.typed", 2);
            ObjectNode snapshot = (ObjectNode) TableState.parse(records.get(0).value()).get("after");
            ObjectNode streamed = (ObjectNode) TableState.parse(records.get(1).value()).get("after");
            assertThat(TableState.parse(records.get(0).value()).get("op").asText()).isEqualTo("r");
            assertThat(TableState.parse(records.get(1).value()).get("op").asText()).isEqualTo("c");
            snapshot.remove("id");
            streamed.remove("id");
            assertThat(streamed).isEqualTo(snapshot);
            assertThat(streamed.get("i8").asText()).isEqualTo("9223372036854775807");
            assertThat(streamed.get("n").decimalValue()).isEqualByComparingTo("12345678901234567890.123456789");
            assertThat(streamed.get("f4").asText()).isEqualTo("NaN");
            assertThat(streamed.get("t").asText()).isEqualTo("é ☃ 😀 \"q\" \\ tab\t");
            assertThat(streamed.get("by").asText()).isEqualTo("AP8Q");
            assertThat(streamed.get("d").asText()).isEqualTo("-4712-01-01");
            assertThat(streamed.get("ts").asText()).isEqualTo("infinity");
            assertThat(streamed.get("tz").asText()).isEqualTo("2024-02-29T13:45:00.123456Z");
            assertThat(streamed.get("jb").get("a").asText()).isEqualTo("x");
            assertThat(streamed.get("ai").toString()).isEqualTo("[1,null,3]");
            assertThat(streamed.get("at").toString()).isEqualTo("[[\"a,b\",\"c\\\\d\"],[null,\"{}\"]]");
            assertThat(streamed.get("m").asText()).isEqualTo("happy");
            assertThat(streamed.get("dp").decimalValue()).isEqualByComparingTo("3.14");
        }
    }

    @Test
    void unchangedToastedValueIsLeftOutAndNamedNeverNulled() throws Exception {
        String db = PG.createDatabase("toast");
        execute(db, "CREATE TABLE docs (id int PRIMARY KEY, body text, title text)");
        try (EngineHarness sluice = new EngineHarness(config(db, List.of("docs")))) {
            Poll.until(DEADLINE, () -> slotActive(db), "streaming");
            execute(db, "INSERT INTO docs SELECT 1, string_agg(md5(g::text), ''), 'v1' FROM generate_series(1, 3000) g");
            execute(db, "UPDATE docs SET title = 'v2' WHERE id = 1");
            List<ConsumerRecord<byte[], byte[]>> records = await(db + ".public.docs", 2);
            JsonNode update = TableState.parse(records.get(1).value());
            assertThat(update.get("op").asText()).isEqualTo("u");
            assertThat(update.get("after").has("body")).isFalse();
            assertThat(update.get("after").get("title").asText()).isEqualTo("v2");
            assertThat(update.get("unchanged").toString()).isEqualTo("[\"body\"]");
        }
    }

    @Test
    void unkeyedTablesWhenAllowedKeepTheApplicationWritingAndEmitWhatTheyCan() throws Exception {
        String db = PG.createDatabase("unkeyed");
        execute(db, "CREATE TABLE loose (a int, b text)");
        execute(db, "CREATE TABLE full_loose (a int, b text)");
        execute(db, "ALTER TABLE full_loose REPLICA IDENTITY FULL");
        SluiceConfig base = config(db, List.of("loose", "full_loose"));
        SluiceConfig config = new SluiceConfig(base.databaseUrl(), base.user(), base.password(), base.slot(), base.publication(),
                base.tables(), base.schemas(), base.topicPrefix(), base.topicOverrides(), true, base.tombstones(),
                base.kafkaBootstrapServers(), base.kafkaProperties(), base.topicPartitions(), base.topicReplicationFactor(),
                base.output(), base.stateDir(), base.snapshotMode(), base.heartbeatInterval(), base.statusInterval(),
                base.maxInFlight(), base.retryInitialBackoff(), base.retryMaxBackoff(), base.format());
        try (EngineHarness sluice = new EngineHarness(config)) {
            Poll.until(DEADLINE, () -> slotActive(db), "streaming");
            execute(db, "INSERT INTO loose VALUES (1, 'x')");
            execute(db, "UPDATE loose SET b = 'y'");   // must not fail for the application
            execute(db, "DELETE FROM loose");
            execute(db, "INSERT INTO loose VALUES (2, 'z')");
            execute(db, "INSERT INTO full_loose VALUES (1, 'x')");
            execute(db, "UPDATE full_loose SET b = 'y'");
            List<ConsumerRecord<byte[], byte[]>> loose = await(db + ".public.loose", 2);
            assertThat(loose).extracting(r -> TableState.parse(r.value()).get("after").get("a").asInt()).containsExactly(1, 2);
            assertThat(loose).allSatisfy(r -> assertThat(r.key()).isNull());
            List<ConsumerRecord<byte[], byte[]>> full = await(db + ".public.full_loose", 2);
            JsonNode update = TableState.parse(full.get(1).value());
            assertThat(update.get("op").asText()).isEqualTo("u");
            assertThat(update.get("before").get("b").asText()).isEqualTo("x");
            assertThat(update.get("after").get("b").asText()).isEqualTo("y");
            // The update and the delete of "loose" could not be captured: they are counted.
            Poll.until(DEADLINE, () -> sluice.engine.stats().skipped(new dev.sluice.core.event.TableId("public", "loose")) == 2,
                    "the skipped update and delete counted");
            assertThat(sluice.engine.stats().skipped(new dev.sluice.core.event.TableId("public", "full_loose"))).isZero();
        }
    }

    @Test
    void truncateIsAnEventOnTheTablesTopic() throws Exception {
        String db = PG.createDatabase("trunc");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        try (EngineHarness sluice = new EngineHarness(config(db, List.of("t")))) {
            Poll.until(DEADLINE, () -> slotActive(db), "streaming");
            execute(db, "INSERT INTO t VALUES (1)");
            execute(db, "TRUNCATE t");
            List<ConsumerRecord<byte[], byte[]>> records = await(db + ".public.t", 2);
            JsonNode truncate = TableState.parse(records.get(records.size() - 1).value());
            assertThat(truncate.get("op").asText()).isEqualTo("t");
            assertThat(truncate.get("source").get("table").asText()).isEqualTo("t");
        }
    }

    @Test
    void heartbeatAdvancesTheSlotWhileOnlyOtherTablesAndDatabasesChange() throws Exception {
        String db = PG.createDatabase("heartbeat");
        String other = PG.createDatabase("busy");
        execute(db, "CREATE TABLE captured (id int PRIMARY KEY)");
        execute(db, "CREATE TABLE ignored (id int PRIMARY KEY, pad text)");
        execute(other, "CREATE TABLE noise (id int PRIMARY KEY, pad text)");
        try (EngineHarness sluice = new EngineHarness(config(db, List.of("captured")))) {
            Poll.until(DEADLINE, () -> slotActive(db), "streaming");
            execute(db, "INSERT INTO ignored SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            execute(other, "INSERT INTO noise SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            String written = query(db, "SELECT pg_current_wal_lsn()::text");
            Poll.until(DEADLINE, () -> query(db, "SELECT (confirmed_flush_lsn >= '" + written
                    + "'::pg_lsn)::text FROM pg_replication_slots WHERE slot_name = '" + db + "'").equals("true"),
                    "slot confirmed past " + written);
        }
    }

    @Test
    void keepalivesAreAnsweredWhileTheSinkIsStalled() throws Exception {
        String db = PG.createDatabase("stall");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        // A short wal_sender_timeout for Sluice's connections only: a client that stops answering is dropped within 2 s.
        execute(db, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'impatient') THEN "
                + "CREATE ROLE impatient LOGIN SUPERUSER; END IF; END $$");
        execute(db, "ALTER ROLE impatient SET wal_sender_timeout = '2s'");
        try (TestKafka kafka = TestKafka.startNew()) {
            SluiceConfig base = EngineHarness.config(PG, db, kafka.bootstrapServers(), state, List.of("t"));
            SluiceConfig config = new SluiceConfig(base.databaseUrl(), "impatient", base.password(), base.slot(),
                    base.publication(), base.tables(), base.schemas(), base.topicPrefix(), base.topicOverrides(),
                    base.allowUnkeyed(), base.tombstones(), base.kafkaBootstrapServers(), base.kafkaProperties(),
                    base.topicPartitions(), base.topicReplicationFactor(), base.output(), base.stateDir(),
                    base.snapshotMode(), base.heartbeatInterval(), Duration.ofSeconds(10), 50,
                    base.retryInitialBackoff(), base.retryMaxBackoff(), base.format());
            try (EngineHarness sluice = new EngineHarness(config)) {
                Poll.until(DEADLINE, () -> slotActive(db), "streaming");
                execute(db, "INSERT INTO t VALUES (0)");
                await(kafka, db + ".public.t", 1);
                String walsender = query(db, "SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + db + "'");
                kafka.stop();
                execute(db, "INSERT INTO t SELECT g FROM generate_series(1, 1000) g");
                // Stalled for three timeouts: far more than the 50 records Sluice may hold are waiting.
                long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                Poll.until(DEADLINE, () -> System.nanoTime() > until, "the sink stalled for 6 s");
                kafka.start();
                await(kafka, db + ".public.t", 1001);
                assertThat(query(db, "SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + db + "'"))
                        .as("the same walsender: the connection was never dropped").isEqualTo(walsender);
                assertThat(sluice.failure.get()).isNull();
            }
        }
    }

    private SluiceConfig config(String db, List<String> tables) {
        return EngineHarness.config(PG, db, TestKafka.shared().bootstrapServers(), state, tables);
    }

    private static List<ConsumerRecord<byte[], byte[]>> await(String topic, int values) {
        return await(TestKafka.shared(), topic, values);
    }

    private static List<ConsumerRecord<byte[], byte[]>> await(TestKafka kafka, String topic, int values) {
        List<ConsumerRecord<byte[], byte[]>> records = new TopicReader(kafka.bootstrapServers()).readUntil(List.of(topic),
                rs -> rs.stream().filter(r -> r.value() != null).count() >= values, DEADLINE);
        return records.stream().filter(r -> r.value() != null).toList();
    }

    private static boolean slotActive(String db) throws Exception {
        return Sql.slotActive(PG, db, db);
    }

    private static String query(String db, String sql) throws Exception {
        return Sql.query(PG, db, sql);
    }

    private static void execute(String db, String sql) throws Exception {
        Sql.execute(PG, db, sql);
    }
}
