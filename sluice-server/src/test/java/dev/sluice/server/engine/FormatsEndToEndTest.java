package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.error.FatalException;
import dev.sluice.formats.Format;
import dev.sluice.formats.debezium.DecimalHandling;
import dev.sluice.formats.debezium.TimePrecision;
import dev.sluice.formats.registry.RegistryFailure;
import dev.sluice.formats.testing.ConfluentAvro;
import dev.sluice.formats.testing.TestSchemaRegistry;
import dev.sluice.server.config.FormatConfig;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format settings as {@code sluice run} uses them: the engine picks the configured encoder,
 * talks to the schema registry, and writes the schema-changes topic. The formats themselves are
 * tested in sluice-formats (type matrix, evolution, the differential test against Debezium).
 */
class FormatsEndToEndTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path state;

    @Test
    void avroWithARegistryAndTheSchemaChangesTopic() throws Exception {
        String db = PG.createDatabase("engine_avro");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY, name text)");
        execute(db, "INSERT INTO t VALUES (1, 'snapshot')");
        try (TestSchemaRegistry registry = TestSchemaRegistry.startWithBasicAuth("sluice", "s3cret")) {
            FormatConfig avro = new FormatConfig(Format.AVRO, registry.url().toString(), "sluice", "s3cret", RegistryFailure.STOP,
                    true, DecimalHandling.PRECISE, TimePrecision.ADAPTIVE, true);
            try (EngineHarness sluice = new EngineHarness(withFormat(config(db), avro))) {
                Poll.until(DEADLINE, () -> slotActive(db), "streaming");
                execute(db, "ALTER TABLE t ADD COLUMN qty int");
                execute(db, "INSERT INTO t VALUES (2, 'stream', 7)");
                List<ConsumerRecord<byte[], byte[]>> records = read(db + ".public.t", 2);
                ConfluentAvro reader = new ConfluentAvro(registry.url(), "sluice", "s3cret");
                assertThat(reader.readAsJson(records.get(0).value())).contains("\"op\": \"r\"").contains("\"name\": \"snapshot\"");
                assertThat(reader.readAsJson(records.get(1).value())).contains("\"op\": \"c\"").contains("\"qty\": 7");
                assertThat(reader.readAsJson(records.get(1).key())).isEqualTo("{\"id\": 2}");
                assertThat(registry.versions(db + ".public.t-value")).hasSize(2);
                List<ConsumerRecord<byte[], byte[]>> changes = read(db + ".schema-changes", 1);
                JsonNode change = TableState.parse(changes.get(0).value());
                assertThat(change.get("added").toString()).isEqualTo("[\"qty\"]");
                assertThat(TableState.parse(changes.get(0).key()).toString()).isEqualTo("{\"schema\":\"public\",\"table\":\"t\"}");
                assertThat(sluice.failure.get()).isNull();
            }
        }
    }

    @Test
    void anEnumLabelAddedWhileStreamingStartsOverAndRegistersTheNextVersion() throws Exception {
        String db = PG.createDatabase("engine_enum");
        execute(db, "CREATE TYPE mood AS ENUM ('sad', 'happy')");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY, m mood)");
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            FormatConfig avro = new FormatConfig(Format.AVRO, registry.url().toString(), null, null, RegistryFailure.RETRY,
                    true, DecimalHandling.PRECISE, TimePrecision.ADAPTIVE, false);
            try (EngineHarness sluice = new EngineHarness(withFormat(config(db), avro))) {
                Poll.until(DEADLINE, () -> slotActive(db), "streaming");
                execute(db, "INSERT INTO t VALUES (1, 'happy')");
                execute(db, "ALTER TYPE mood ADD VALUE 'calm'");
                execute(db, "INSERT INTO t VALUES (2, 'calm')");
                List<ConsumerRecord<byte[], byte[]>> records = read(db + ".public.t", 2);
                ConfluentAvro reader = new ConfluentAvro(registry.url());
                assertThat(records).extracting(r -> reader.readAsJson(r.value())).anySatisfy(v -> assertThat(v).contains("\"m\": \"calm\""));
                assertThat(registry.versions(db + ".public.t-value")).hasSize(2);
                assertThat(sluice.failure.get()).isNull();
            }
        }
    }

    @Test
    void debeziumJsonWithTheChosenOptions() throws Exception {
        String db = PG.createDatabase("engine_debezium");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY, price numeric(10,2), at timestamp)");
        FormatConfig debezium = new FormatConfig(Format.DEBEZIUM_JSON, null, null, null, RegistryFailure.RETRY, false,
                DecimalHandling.STRING, TimePrecision.CONNECT, false);
        try (EngineHarness sluice = new EngineHarness(withFormat(config(db), debezium))) {
            Poll.until(DEADLINE, () -> slotActive(db), "streaming");
            execute(db, "INSERT INTO t VALUES (1, 12.50, '2024-01-01 00:00:01.5')");
            JsonNode value = TableState.parse(read(db + ".public.t", 1).get(0).value());
            assertThat(value.has("schema")).as("debezium-schemas false: the payload alone").isFalse();
            assertThat(value.get("op").asText()).isEqualTo("c");
            assertThat(value.at("/after/price").asText()).isEqualTo("12.50");
            assertThat(value.at("/after/at").asLong()).isEqualTo(1_704_067_201_500L);
            assertThat(value.at("/source/connector").asText()).isEqualTo("postgresql");
            assertThat(value.at("/source/name").asText()).isEqualTo(db);
            assertThat(value.at("/source/version").asText()).startsWith("sluice-");
        }
    }

    @Test
    void anUnreachableRegistryIsNamedAtStart() throws Exception {
        String db = PG.createDatabase("engine_noregistry");
        execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FormatConfig avro = new FormatConfig(Format.AVRO, "http://127.0.0.1:" + port, null, null, RegistryFailure.RETRY, true,
                DecimalHandling.PRECISE, TimePrecision.ADAPTIVE, false);
        EngineHarness harness = new EngineHarness(withFormat(config(db), avro));
        harness.join();
        assertThat(harness.failure.get()).isInstanceOf(FatalException.class)
                .hasMessageStartingWith("schema registry at http://127.0.0.1:" + port + " is not reachable")
                .hasMessageEndingWith("listing its subjects; check schema-registry-url and that the registry is up");
    }

    private SluiceConfig config(String db) {
        return EngineHarness.config(PG, db, TestKafka.shared().bootstrapServers(), state, List.of("t"));
    }

    private static SluiceConfig withFormat(SluiceConfig c, FormatConfig format) {
        return new SluiceConfig(c.databaseUrl(), c.user(), c.password(), c.slot(), c.publication(), c.tables(), c.schemas(),
                c.topicPrefix(), c.topicOverrides(), c.allowUnkeyed(), c.tombstones(), c.kafkaBootstrapServers(),
                c.kafkaProperties(), c.topicPartitions(), c.topicReplicationFactor(), c.output(), c.stateDir(), c.snapshotMode(),
                c.heartbeatInterval(), c.statusInterval(), c.maxInFlight(), c.retryInitialBackoff(), c.retryMaxBackoff(), format);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int values) {
        return new TopicReader(TestKafka.shared().bootstrapServers()).readUntil(List.of(topic),
                rs -> rs.stream().filter(r -> r.value() != null).count() >= values, DEADLINE)
                .stream().filter(r -> r.value() != null).toList();
    }

    private static boolean slotActive(String db) throws Exception {
        try (Connection c = PG.connect(db); Statement s = c.createStatement(); var rs = s.executeQuery(
                "SELECT coalesce(bool_or(active), false) FROM pg_replication_slots WHERE slot_name = '" + db + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void execute(String db, String sql) throws Exception {
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
