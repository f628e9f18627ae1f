package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.event.Operation;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot and stream into a real broker: what a consumer rebuilds from the topics equals the
 * source tables, through restarts and faults.
 */
class EndToEndTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path state;

    @Test
    void snapshotThenMixedWorkloadRebuildsEveryTableExactly() throws Exception {
        String db = PG.createDatabase("e2e");
        Workload workload = new Workload(PG, db, 2, 42);
        workload.createTables();
        workload.run(300);
        try (EngineHarness sluice = new EngineHarness(config(db))) {
            Poll.until(DEADLINE, () -> Sql.slotActive(PG, db, db), "streaming");
            workload.run(600);
            assertTopicsEqualTables(db, workload);
            assertThat(sluice.failure.get()).isNull();
        }
        List<ConsumerRecord<byte[], byte[]>> records = reader().readAll(workload.topics(db), Duration.ofSeconds(1));
        assertThat(records).anySatisfy(r -> assertThat(r.value()).isNull());
        assertThat(records.stream().filter(r -> r.value() != null)
                .map(r -> TableState.parse(r.value()).get("op").asText()).distinct())
                .contains("r", "c", "u", "d");
    }

    @Test
    void restartInTheMiddleOfStreamingResumesWithoutSnapshotAndLosesNothing() throws Exception {
        String db = PG.createDatabase("restart");
        Workload workload = new Workload(PG, db, 2, 7);
        workload.createTables();
        workload.run(200);
        try (EngineHarness sluice = new EngineHarness(config(db))) {
            Poll.until(DEADLINE, () -> Sql.slotActive(PG, db, db), "streaming");
            workload.run(300);
            assertTopicsEqualTables(db, workload);
        }
        long snapshotRows = countOps(db, workload, "r");
        workload.run(300);
        try (EngineHarness sluice = new EngineHarness(config(db))) {
            workload.run(200);
            assertTopicsEqualTables(db, workload);
            assertThat(sluice.failure.get()).isNull();
        }
        assertThat(countOps(db, workload, "r")).as("rows read by snapshots: the second run took none").isEqualTo(snapshotRows);
    }

    @Test
    void runThatDiesDuringItsInitialSnapshotFinishesItIncrementally() throws Exception {
        String db = PG.createDatabase("halfsnap");
        Workload workload = new Workload(PG, db, 1, 5);
        workload.createTables();
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t0 SELECT g, g, g / 100.0, 'bulk', true FROM generate_series(1000000, 1200000) g");
        }
        try (EngineHarness sluice = new EngineHarness(config(db))) {
            Poll.until(DEADLINE, () -> sluice.engine.stats().count(Operation.READ) > 1000, "snapshot under way");
        }
        assertThat(countOps(db, workload, "r")).as("the first run stopped part-way").isLessThan(workload.rowCount());
        // Rows the stopped run may have sent, deleted before the next: they must be deleted in the topic too.
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute("DELETE FROM t0 WHERE id >= 1000000 AND id % 97 = 0");
        }
        workload.run(100);
        try (EngineHarness sluice = new EngineHarness(config(db))) {
            workload.run(100);
            assertTopicsEqualTables(db, workload);
        }
    }

    private static long countOps(String db, Workload workload, String op) {
        return reader().readAll(workload.topics(db), Duration.ZERO).stream()
                .filter(r -> r.value() != null && TableState.parse(r.value()).get("op").asText().equals(op)).count();
    }

    @Test
    void walsenderTerminatedMidStreamIsRetriedAndLosesNothing() throws Exception {
        String db = PG.createDatabase("walsender");
        Workload workload = new Workload(PG, db, 1, 3);
        workload.createTables();
        try (EngineHarness sluice = new EngineHarness(config(db))) {
            workload.run(200);
            awaitWalsender(db);
            assertThat(PG.terminateReplicationConnections(db)).isPositive();
            workload.run(200);
            awaitWalsender(db);
            PG.terminateReplicationConnections(db);
            workload.run(200);
            assertTopicsEqualTables(db, workload);
            assertThat(sluice.isAlive()).isTrue();
            assertThat(sluice.failure.get()).isNull();
        }
    }

    @Test
    void brokerStoppedAndRestartedMidStreamLosesNothing() throws Exception {
        String db = PG.createDatabase("broker");
        Workload workload = new Workload(PG, db, 1, 11);
        workload.createTables();
        try (TestKafka kafka = TestKafka.startNew()) {
            SluiceConfig config = EngineHarness.config(PG, db, kafka.bootstrapServers(), state, List.of());
            try (EngineHarness sluice = new EngineHarness(config)) {
                Poll.until(DEADLINE, () -> Sql.slotActive(PG, db, db), "streaming");
                workload.run(200);
                kafka.stop();
                workload.run(300);
                kafka.start();
                workload.run(200);
                TopicReader reader = new TopicReader(kafka.bootstrapServers());
                Poll.until(DEADLINE, () -> workload.matches(db, reader), "topics equal tables after broker restart");
                assertThat(sluice.failure.get()).isNull();
            }
        }
    }

    private void awaitWalsender(String db) {
        Poll.until(DEADLINE, () -> {
            try (Connection c = PG.connect(db); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE application_name = 'sluice-stream'")) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }, "walsender of " + db + " running");
    }

    private SluiceConfig config(String db) {
        return EngineHarness.config(PG, db, TestKafka.shared().bootstrapServers(), state, List.of());
    }

    private static TopicReader reader() {
        return new TopicReader(TestKafka.shared().bootstrapServers());
    }

    private static void assertTopicsEqualTables(String db, Workload workload) {
        Poll.until(DEADLINE, () -> workload.matches(db, reader()), "topics of " + db + " equal its tables");
    }

    /**
     * Random inserts, updates (some changing the primary key) and deletes, in transactions of a few
     * statements, on tables {@code t0 … tN} of a test database.
     */
    static final class Workload {
        private final TestPostgres pg;
        private final String db;
        private final int tables;
        private final Random random;
        private int nextId = 1;

        Workload(TestPostgres pg, String db, int tables, long seed) {
            this.pg = pg;
            this.db = db;
            this.tables = tables;
            this.random = new Random(seed);
        }

        void createTables() throws SQLException {
            try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                for (int t = 0; t < tables; t++) {
                    s.execute("CREATE TABLE t" + t + " (id bigint PRIMARY KEY, qty int, price numeric(12,2), note text, flag boolean)");
                }
            }
        }

        /** Runs {@code statements} random statements. */
        void run(int statements) throws SQLException {
            try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                for (int i = 0; i < statements; i++) {
                    String table = "t" + random.nextInt(tables);
                    int roll = random.nextInt(10);
                    if (roll < 5 || nextId < 20) {
                        s.execute("INSERT INTO " + table + " VALUES (" + nextId++ + ", " + random.nextInt(1000) + ", "
                                + random.nextInt(100000) / 100.0 + ", 'note " + random.nextInt() + " ''q'' \\ é', " + random.nextBoolean() + ")");
                    } else if (roll < 8) {
                        s.execute("UPDATE " + table + " SET qty = qty + 1, note = NULL, flag = NOT flag WHERE id = " + random.nextInt(nextId));
                    } else if (roll < 9) {
                        s.execute("UPDATE " + table + " SET id = " + nextId++ + " WHERE id = " + random.nextInt(nextId));
                    } else {
                        s.execute("DELETE FROM " + table + " WHERE id = " + random.nextInt(nextId));
                    }
                    if (random.nextInt(4) == 0) {
                        c.commit();
                    }
                }
                c.commit();
            }
        }

        int rowCount() throws SQLException {
            int count = 0;
            try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                for (int t = 0; t < tables; t++) {
                    try (var rs = s.executeQuery("SELECT count(*) FROM t" + t)) {
                        rs.next();
                        count += rs.getInt(1);
                    }
                }
            }
            return count;
        }

        List<String> topics(String prefix) {
            return java.util.stream.IntStream.range(0, tables).mapToObj(t -> prefix + ".public.t" + t).toList();
        }

        boolean matches(String topicPrefix, TopicReader reader) throws SQLException {
            try (Connection c = pg.connect(db)) {
                for (int t = 0; t < tables; t++) {
                    Map<String, Map<String, String>> expected = TableState.fromTable(c, "t" + t, "id");
                    List<ConsumerRecord<byte[], byte[]>> records = reader.readAll(List.of(topicPrefix + ".public.t" + t), Duration.ofMillis(200));
                    if (!TableState.fromTopic(records, "id").equals(expected)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
