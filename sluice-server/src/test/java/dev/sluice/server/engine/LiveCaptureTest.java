package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture list steered from SQL while Sluice streams (after {@code sluice install}): what a
 * consumer of the topics sees when tables are added and removed, operations and columns change,
 * and Sluice is suspended and resumed.
 */
class LiveCaptureTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final String KAFKA = TestKafka.shared().bootstrapServers();
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path state;

    @Test
    void tableAddedWhileWritersRunGetsItsSnapshotAndChangesWithNoGapAndARemovedTableStopsAtItsCommit() throws Exception {
        String db = PG.createDatabase("live");
        ItemsWriter.createTable(PG, db, 5_000);
        Sql.execute(PG, db, "CREATE TABLE orders (id int PRIMARY KEY, amount int);"
                + "INSERT INTO orders SELECT g, g * 10 FROM generate_series(1, 100) g");
        SluiceConfig config = installed(db, List.of("orders"));
        TopicReader reader = new TopicReader(KAFKA);
        String items = db + ".public.items";
        String orders = db + ".public.orders";
        try (EngineHarness sluice = new EngineHarness(config)) {
            await(sluice, () -> Sql.slotActive(PG, db, db), "sluice streaming");
            try (ItemsWriter writer = ItemsWriter.start(PG, db, 11)) {
                await(sluice, () -> writes(db) > 200, "writer under way before the add");
                Sql.query(PG, db, "SELECT sluice.add_table('public', 'items')");
                long atAdd = writes(db);
                await(sluice, () -> writes(db) > atAdd + 300, "writer under way after the add");
            }
            await(sluice, () -> topicEqualsTable(db, reader, "items"), "items topic equals the table");
            SnapshotRecords.assertPerKeyOrder(reader.readAll(List.of(items), Duration.ofMillis(200)));

            Sql.query(PG, db, "SELECT sluice.remove_table('public', 'orders')");
            Sql.execute(PG, db, "INSERT INTO orders VALUES (1000, 1); INSERT INTO items (note) VALUES ('after removal')");
            await(sluice, () -> notes(reader, items).contains("after removal"), "a change after the removal");
            assertThat(reader.readAll(List.of(orders), Duration.ofMillis(200))).noneMatch(r -> key(r).equals("1000"))
                    .hasSizeGreaterThanOrEqualTo(100);
            assertThat(sluice.failure.get()).isNull();
        }
    }

    @Test
    void operationAndColumnFiltersApplyFromTheirCommitOn() throws Exception {
        String db = PG.createDatabase("filters");
        Sql.execute(PG, db, "CREATE TABLE audit (id int PRIMARY KEY, who text, secret text);"
                + "CREATE TABLE marks (id int PRIMARY KEY)");
        SluiceConfig config = installed(db, List.of("marks"));
        TopicReader reader = new TopicReader(KAFKA);
        String audit = db + ".public.audit";
        try (EngineHarness sluice = new EngineHarness(config)) {
            await(sluice, () -> Sql.slotActive(PG, db, db), "sluice streaming");
            Sql.query(PG, db, "SELECT sluice.add_table('public', 'audit', operations => '{insert}', topic => '" + db + ".audit-log')");
            Sql.execute(PG, db, "INSERT INTO audit VALUES (1, 'ann', 's1'); UPDATE audit SET who = 'bob' WHERE id = 1;"
                    + "DELETE FROM audit WHERE id = 1; INSERT INTO audit VALUES (2, 'cy', 's2')");
            Sql.query(PG, db, "SELECT sluice.remove_column('public', 'audit', 'secret')");
            Sql.execute(PG, db, "INSERT INTO audit VALUES (3, 'di', 's3')");
            // The table's incremental snapshot reads rows too ("r"); the stream's events are the inserts alone.
            await(sluice, () -> changes(reader, db + ".audit-log").size() == 3, "three inserts");
            List<ConsumerRecord<byte[], byte[]>> records = changes(reader, db + ".audit-log");
            assertThat(records).extracting(r -> TableState.parse(r.value()).get("op").asText()).containsExactly("c", "c", "c");
            assertThat(records).extracting(r -> after(r).has("secret")).containsExactly(true, true, false);
            assertThat(after(records.get(2)).get("who").asText()).isEqualTo("di");
            assertThat(reader.readAll(List.of(audit), Duration.ofMillis(100))).isEmpty();
            assertThat(sluice.failure.get()).isNull();
        }
    }

    @Test
    void suspendStopsTheStreamKeepingTheSlotAndResumeDeliversWhatWasWrittenMeanwhile() throws Exception {
        String db = PG.createDatabase("suspend");
        Sql.execute(PG, db, "CREATE TABLE orders (id int PRIMARY KEY, amount int);"
                + "INSERT INTO orders SELECT g, g FROM generate_series(1, 50) g");
        SluiceConfig config = installed(db, List.of("orders"));
        TopicReader reader = new TopicReader(KAFKA);
        try (EngineHarness sluice = new EngineHarness(config)) {
            await(sluice, () -> Sql.slotActive(PG, db, db), "sluice streaming");
            await(sluice, () -> status(db).at("/sluice/state").asText().equals("streaming"), "status says streaming");
            JsonNode running = status(db);
            assertThat(running.at("/slot/active").asBoolean()).isTrue();
            assertThat(running.at("/kafka").asText()).isEqualTo("reachable");
            assertThat(running.at("/capture/0/table").asText()).isEqualTo("orders");
            assertThat(running.at("/publication/tables").toString()).contains("public.orders");

            Sql.query(PG, db, "SELECT sluice.suspend()");
            await(sluice, () -> sluice.engine.state() == EngineState.SUSPENDED && !Sql.slotActive(PG, db, db), "suspended");
            Sql.execute(PG, db, "INSERT INTO orders SELECT g, g FROM generate_series(51, 80) g; DELETE FROM orders WHERE id <= 10");
            await(sluice, () -> status(db).at("/sluice/state").asText().equals("suspended"), "status says suspended");
            assertThat(status(db).at("/slot/exists").asBoolean()).isTrue();
            assertThat(topicEqualsTable(db, reader, "orders")).isFalse();

            Sql.query(PG, db, "SELECT sluice.resume()");
            await(sluice, () -> topicEqualsTable(db, reader, "orders"), "what was written while suspended arrives");

            Sql.query(PG, db, "SELECT sluice.suspend(drop_slot => true)");
            await(sluice, () -> sluice.engine.state() == EngineState.SUSPENDED
                    && "0".equals(Sql.query(PG, db, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + db + "'")),
                    "suspended with the slot dropped");
            Sql.execute(PG, db, "UPDATE orders SET amount = -amount WHERE id > 70");
            Sql.query(PG, db, "SELECT sluice.resume()");
            await(sluice, () -> topicEqualsTable(db, reader, "orders"), "a new snapshot after resuming without slot");
            assertThat(sluice.failure.get()).isNull();
        }
        await(null, () -> status(db).at("/sluice/state").asText().equals("not running"), "status says not running");
        assertThat(status(db).at("/sluice/message").asText()).contains("Sluice is not running", "in state stopped");
    }

    private SluiceConfig installed(String db, List<String> tables) {
        SluiceConfig c = EngineHarness.config(PG, db, KAFKA, state, tables);
        c = EngineHarness.with(c, tables, false, SluiceConfig.SnapshotMode.INITIAL, new SnapshotConfig(2, 200_000, 500, 0));
        new Installation(c).install();
        return c;
    }

    private static JsonNode status(String db) throws SQLException {
        return TableState.JSON.valueToTree(parse(Sql.query(PG, db, "SELECT sluice.status()::text")));
    }

    private static JsonNode parse(String json) {
        return TableState.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long writes(String db) throws SQLException {
        return Long.parseLong(Sql.query(PG, db, "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables"
                + " WHERE relname = 'items'"));
    }

    private static boolean topicEqualsTable(String db, TopicReader reader, String table) throws SQLException {
        try (Connection c = PG.connect(db)) {
            return TableState.fromTopic(reader.readAll(List.of(db + ".public." + table), Duration.ofMillis(200)), "id")
                    .equals(TableState.fromTable(c, table, "id"));
        }
    }

    private static List<String> notes(TopicReader reader, String topic) {
        return reader.readAll(List.of(topic), Duration.ofMillis(200)).stream().filter(r -> r.value() != null)
                .map(LiveCaptureTest::after).filter(a -> a != null && a.has("note")).map(a -> a.get("note").asText()).toList();
    }

    /** The records of {@code topic} that are not snapshot reads. */
    private static List<ConsumerRecord<byte[], byte[]>> changes(TopicReader reader, String topic) {
        return reader.readAll(List.of(topic), Duration.ofMillis(200)).stream()
                .filter(r -> r.value() == null || !"r".equals(TableState.parse(r.value()).get("op").asText())).toList();
    }

    private static JsonNode after(ConsumerRecord<byte[], byte[]> record) {
        JsonNode after = TableState.parse(record.value()).get("after");
        return after == null || after.isNull() ? null : after;
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return TableState.parse(record.key()).get("id").asText();
    }

    /** Waits for {@code condition}, failing at once with Sluice's own error if it stopped. */
    private static void await(EngineHarness sluice, Callable<Boolean> condition, String what) {
        Poll.until(DEADLINE, () -> sluice != null && sluice.failure.get() != null || condition.call(), what);
        if (sluice != null && sluice.failure.get() != null) {
            throw new AssertionError("sluice failed while waiting for " + what, sluice.failure.get());
        }
    }
}
