package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.PGReplicationStream;

class TestKitTest {

    @Test
    void sharedPostgresIsReadyForLogicalDecoding() throws SQLException {
        TestPostgres pg = TestPostgres.shared();
        String database = pg.createDatabase("kit");
        try (Connection connection = pg.connect(database); Statement statement = connection.createStatement()) {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(pg.setting("wal_level")).isEqualTo("logical");
            assertThat(pg.setting("max_replication_slots")).isEqualTo("64");
            assertThat(pg.setting("max_connections")).isEqualTo("300");
            statement.execute("SELECT pg_create_logical_replication_slot('kit_slot', 'pgoutput')");
            try (ResultSet slots = statement.executeQuery(
                    "SELECT plugin, database FROM pg_replication_slots WHERE slot_name = 'kit_slot'")) {
                assertThat(slots.next()).isTrue();
                assertThat(slots.getString("plugin")).isEqualTo("pgoutput");
                assertThat(slots.getString("database")).isEqualTo(database);
            }
            statement.execute("SELECT pg_drop_replication_slot('kit_slot')");
        }
        assertThat(pg.majorVersion()).isBetween(10, 99);
        assertThat(pg.jdbcUrl(database)).isEqualTo("jdbc:postgresql://localhost:" + pg.port() + "/" + database + "?user=postgres");
    }

    @Test
    void createdDatabasesHaveFreshValidNames() throws SQLException {
        TestPostgres pg = TestPostgres.shared();
        String first = pg.createDatabase("My-Test.DB");
        String second = pg.createDatabase("My-Test.DB");
        assertThat(first).matches("my_test_db_\\d+").isNotEqualTo(second);
        try (Connection connection = pg.connect(second)) {
            assertThat(connection.getCatalog()).isEqualTo(second);
        }
        assertThat(TestPostgres.databaseName("9lives", 1)).isEqualTo("db_9lives_1");
        assertThat(TestPostgres.databaseName("x".repeat(100), 12)).hasSize(63).endsWith("_12");
    }

    @Test
    void ownedPostgresRunsWithTheGivenDurabilitySettings() {
        try (TestPostgres pg = TestPostgres.start(Map.of("fsync", "on", "synchronous_commit", "on"))) {
            assertThat(pg.port()).isNotEqualTo(TestPostgres.shared().port());
            assertThat(pg.setting("fsync")).isEqualTo("on");
            assertThat(pg.setting("synchronous_commit")).isEqualTo("on");
            assertThat(pg.setting("wal_level")).isEqualTo("logical");
        }
    }

    @Test
    void terminatingReplicationConnectionsFreesTheSlot() throws SQLException {
        TestPostgres pg = TestPostgres.shared();
        String database = pg.createDatabase("walsender");
        try (Connection sql = pg.connect(database); Statement statement = sql.createStatement()) {
            statement.execute("CREATE PUBLICATION kit_pub FOR ALL TABLES");
            statement.execute("SELECT pg_create_logical_replication_slot('kit_walsender', 'pgoutput')");
            Connection replication = replicationConnection(pg, database);
            PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical().withSlotName("kit_walsender")
                    .withSlotOption("proto_version", 1).withSlotOption("publication_names", "kit_pub")
                    .start();
            assertThat(slotActive(statement, "kit_walsender")).isTrue();

            assertThat(pg.terminateReplicationConnections(database)).isEqualTo(1);

            assertThat(slotActive(statement, "kit_walsender")).isFalse();
            assertThatThrownBy(stream::readPending).isInstanceOf(SQLException.class);
            closeBroken(replication);
            statement.execute("SELECT pg_drop_replication_slot('kit_walsender')");
        }
    }

    @Test
    void producedRecordCanBeReadBack() {
        TestKafka kafka = TestKafka.shared();
        String topic = "kit-roundtrip";
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, bytes("k1"), bytes("v1")));
            producer.send(new ProducerRecord<>(topic, bytes("k2"), null));
            producer.flush();
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.of(kafka)
                .readUntil(List.of(topic), read -> read.size() >= 2, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("k1", "k2");
        assertThat(records.get(0).value()).asString(StandardCharsets.UTF_8).isEqualTo("v1");
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void readUntilTimesOutWithACountSummary() {
        TopicReader reader = TopicReader.of(TestKafka.shared());
        assertThatThrownBy(() -> reader.readUntil(List.of("kit-never-written"), read -> !read.isEmpty(), Duration.ofMillis(500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 records")
                .hasMessageContaining("topics not found: [kit-never-written]");
        assertThat(reader.readAll(List.of("kit-never-written"), Duration.ZERO)).isEmpty();
    }

    @Test
    void ownedBrokerRestartsOnTheSamePortWithItsData() {
        try (TestKafka kafka = TestKafka.startNew()) {
            String servers = kafka.bootstrapServers();
            String topic = "kit-restart";
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                send(producer, topic, "before");

                kafka.stop();
                assertThat(kafka.isRunning()).isFalse();
                kafka.start();

                assertThat(kafka.bootstrapServers()).isEqualTo(servers);
                send(producer, topic, "after");
            }
            List<ConsumerRecord<byte[], byte[]>> records = TopicReader.of(kafka).readAll(List.of(topic), Duration.ZERO);
            assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("before", "after");
        }
    }

    @Test
    void sharedBrokerCannotBeStopped() {
        TestKafka shared = TestKafka.shared();
        assertThatThrownBy(shared::stop).isInstanceOf(IllegalStateException.class);
        shared.close();
        assertThat(shared.isRunning()).isTrue();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, bytes(value), bytes(value))).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("send of " + value + " failed", e);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(TestKafka kafka) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Connection replicationConnection(TestPostgres pg, String database) throws SQLException {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, pg.user());
        PGProperty.PASSWORD.set(properties, pg.password());
        PGProperty.REPLICATION.set(properties, "database");
        PGProperty.PREFER_QUERY_MODE.set(properties, "simple");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(properties, "10");
        return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/" + database, properties);
    }

    /** A terminated connection fails to close cleanly; that failure is the expected outcome here. */
    private static void closeBroken(Connection connection) {
        try {
            connection.close();
        } catch (SQLException expected) {
            // The server has already gone; nothing is left to release.
        }
    }

    private static boolean slotActive(Statement statement, String slot) throws SQLException {
        try (ResultSet result = statement.executeQuery(
                "SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            result.next();
            return result.getBoolean(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
