package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SnapshotConfig;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partitioned tables, snapshot and stream: through their root (one topic, rows read in chunks from
 * every leaf partition, rows moving between partitions) or as their leaf partitions.
 */
class PartitionedTablesTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final String KAFKA = TestKafka.shared().bootstrapServers();

    @TempDir
    Path state;

    @Test
    void throughTheRootOneTopicHoldsEveryPartitionsRows() throws Exception {
        String db = PG.createDatabase("partroot");
        createMeasurements(db);
        try (EngineHarness sluice = new EngineHarness(config(db, List.of("measurements"), true))) {
            changeMeasurements(db);
            Poll.until(Duration.ofMinutes(1), () -> topicEquals(db, "measurements", "measurements"), "root topic equals table");
            assertThat(sluice.failure.get()).isNull();
        }
        assertThat(Sql.query(PG, db, "SELECT string_agg(schemaname || '.' || tablename, ',' ORDER BY tablename)"
                + " FROM pg_publication_tables WHERE pubname = '" + db + "' AND schemaname = 'public'"))
                .as("the leaf partitions publish as the root").isEqualTo("public.measurements");
    }

    @Test
    void withoutTheRootEachLeafPartitionIsATableOfItsOwn() throws Exception {
        String db = PG.createDatabase("partleaf");
        createMeasurements(db);
        try (EngineHarness sluice = new EngineHarness(config(db, List.of(), false))) {
            changeMeasurements(db);
            for (String leaf : List.of("measurements_eu", "measurements_us_low", "measurements_us_high", "measurements_other")) {
                Poll.until(Duration.ofMinutes(1), () -> topicEquals(db, leaf, leaf), leaf + " topic equals partition");
            }
            assertThat(sluice.failure.get()).isNull();
        }
    }

    /** Three leaf partitions, one of them sub-partitioned, 30,000 rows; chunks of 2,000 rows split each leaf. */
    private static void createMeasurements(String db) throws SQLException {
        Sql.execute(PG, db, """
                CREATE TABLE measurements (id bigint, region text, v int NOT NULL, note text, PRIMARY KEY (id, region))
                    PARTITION BY LIST (region);
                CREATE TABLE measurements_eu PARTITION OF measurements FOR VALUES IN ('eu');
                CREATE TABLE measurements_us PARTITION OF measurements FOR VALUES IN ('us') PARTITION BY RANGE (id);
                CREATE TABLE measurements_us_low PARTITION OF measurements_us FOR VALUES FROM (MINVALUE) TO (15000);
                CREATE TABLE measurements_us_high PARTITION OF measurements_us FOR VALUES FROM (15000) TO (MAXVALUE);
                CREATE TABLE measurements_other PARTITION OF measurements DEFAULT;
                INSERT INTO measurements SELECT g, (ARRAY['eu', 'us', 'ap'])[1 + g % 3], 0, 'row ' || g
                    FROM generate_series(1, 30000) g;
                ANALYZE measurements""");
    }

    /** Inserts, updates, deletes, and updates that move rows to another partition. */
    private static void changeMeasurements(String db) throws SQLException {
        Sql.execute(PG, db, """
                INSERT INTO measurements SELECT g, 'eu', 1, 'new' FROM generate_series(30001, 30500) g;
                UPDATE measurements SET v = v + 1 WHERE id % 10 = 0;
                UPDATE measurements SET region = 'eu' WHERE region = 'ap' AND id % 7 = 0;
                DELETE FROM measurements WHERE id % 13 = 0""");
    }

    private static boolean topicEquals(String db, String table, String topicTable) throws SQLException {
        try (Connection c = PG.connect(db)) {
            Map<String, Map<String, String>> expected = TableState.fromTable(c, table, "id");
            return TableState.fromTopic(new TopicReader(KAFKA).readAll(List.of(db + ".public." + topicTable),
                    Duration.ofMillis(200)), "id").equals(expected);
        }
    }

    private SluiceConfig config(String db, List<String> tables, boolean viaRoot) {
        SluiceConfig c = EngineHarness.config(PG, db, KAFKA, state, tables);
        return EngineHarness.with(c, new SnapshotConfig(2, 2_000, 500, 0, viaRoot));
    }
}
