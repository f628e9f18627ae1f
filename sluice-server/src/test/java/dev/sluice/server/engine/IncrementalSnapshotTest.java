package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental snapshots (DBLog watermarks) while the stream flows and a writer keeps changing the
 * table, requested through {@code sluice.snapshot(...)}: what a consumer of the topic sees.
 */
class IncrementalSnapshotTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final String KAFKA = TestKafka.shared().bootstrapServers();

    @TempDir
    Path state;

    @Test
    void snapshotWhileWritingGivesTheTableWithoutResurrectionsOrOlderVersions() throws Exception {
        String db = PG.createDatabase("incr");
        ItemsWriter.createTable(PG, db, 20_000);
        String topic = db + ".public.items";
        try (EngineHarness sluice = new EngineHarness(streamOnly(db, 500, 0))) {
            awaitStreaming(db);
            long request;
            try (ItemsWriter writer = ItemsWriter.start(PG, db, 7)) {
                request = Long.parseLong(Sql.query(PG, db, "SELECT sluice.snapshot('{public.items}')"));
                await(sluice, Duration.ofMinutes(3), () -> SnapshotRecords.requestsFinished(state, db, request),
                        "incremental snapshot " + request + " finished");
            }
            TopicReader reader = new TopicReader(KAFKA);
            await(sluice, Duration.ofMinutes(1), () -> topicEqualsTable(db, reader, topic), "topic equals table");
            List<ConsumerRecord<byte[], byte[]>> records = reader.readAll(List.of(topic), Duration.ofMillis(200));
            SnapshotRecords.assertPerKeyOrder(records);
            // Stream-only run: the rows no writer touched reached the topic through the snapshot alone; the
            // snapshot reads each key at most once (rows the writer inserts meanwhile are read too).
            long untouched = Long.parseLong(Sql.query(PG, db, "SELECT count(*) FROM items WHERE v = 0 AND note <> 'written'"));
            long keys = Long.parseLong(Sql.query(PG, db, "SELECT max(id) FROM items"));
            assertThat(SnapshotRecords.reads(records)).isGreaterThanOrEqualTo(untouched).isLessThanOrEqualTo(keys);
            assertThat(SnapshotRecords.repeatedReads(records)).isZero();
            assertThat(sluice.failure.get()).isNull();
        }
    }

    @Test
    void conditionPauseResumeAndCancelSteerTheRunningSnapshot() throws Exception {
        String db = PG.createDatabase("steer");
        ItemsWriter.createTable(PG, db, 3_000);
        Sql.execute(PG, db, "CREATE TABLE marks (id int PRIMARY KEY)");
        String topic = db + ".public.items";
        SluiceConfig config = streamOnly(db, 100, 0);
        config = withTables(config, List.of("items", "marks"));
        try (EngineHarness sluice = new EngineHarness(config)) {
            awaitStreaming(db);
            TopicReader reader = new TopicReader(KAFKA);

            long ranged = Long.parseLong(Sql.query(PG, db, "SELECT sluice.snapshot('{items}', 'id <= 250')"));
            await(sluice, Duration.ofMinutes(1), () -> SnapshotRecords.requestsFinished(state, db, ranged), "ranged snapshot done");
            List<ConsumerRecord<byte[], byte[]>> records = reader.readAll(List.of(topic), Duration.ofMillis(200));
            assertThat(SnapshotRecords.reads(records)).isEqualTo(250);

            Sql.query(PG, db, "SELECT sluice.snapshot_pause()");
            long paused = Long.parseLong(Sql.query(PG, db, "SELECT sluice.snapshot('{public.items}')"));
            // A change committed after the request: once it is in Kafka, Sluice has read the request too.
            Sql.execute(PG, db, "INSERT INTO marks VALUES (1)");
            await(sluice, Duration.ofMinutes(1), () -> !reader.readAll(List.of(db + ".public.marks"), Duration.ofMillis(100)).isEmpty(),
                    "marker arrived");
            assertThat(SnapshotRecords.reads(reader.readAll(List.of(topic), Duration.ofMillis(200))))
                    .as("no chunk is read while paused").isEqualTo(250);

            Sql.query(PG, db, "SELECT sluice.snapshot_resume()");
            await(sluice, Duration.ofMinutes(1), () -> SnapshotRecords.requestsFinished(state, db, paused), "resumed snapshot done");
            assertThat(SnapshotRecords.reads(reader.readAll(List.of(topic), Duration.ofMillis(200)))).isEqualTo(250 + 3_000);

            // Queued while paused, so it cannot finish by itself: only the cancel leaves no job.
            Sql.query(PG, db, "SELECT sluice.snapshot_pause()");
            Sql.query(PG, db, "SELECT sluice.snapshot('{public.items}')");
            long cancelled = Long.parseLong(Sql.query(PG, db, "SELECT sluice.snapshot_cancel()"));
            await(sluice, Duration.ofMinutes(1), () -> SnapshotRecords.requestsFinished(state, db, cancelled), "cancel taken in");
            Sql.query(PG, db, "SELECT sluice.snapshot_resume()");
            Sql.execute(PG, db, "INSERT INTO marks VALUES (2)");
            await(sluice, Duration.ofMinutes(1), () -> reader.readAll(List.of(db + ".public.marks"), Duration.ofMillis(100)).size() >= 2,
                    "second marker arrived");
            assertThat(SnapshotRecords.reads(reader.readAll(List.of(topic), Duration.ofMillis(200))))
                    .as("the cancelled snapshot read nothing").isEqualTo(250 + 3_000);
            assertThat(sluice.failure.get()).isNull();
        }
    }

    @Test
    void badArgumentsRaiseClearErrorsAndQueueNothing() throws Exception {
        String db = PG.createDatabase("badsnap");
        ItemsWriter.createTable(PG, db, 10);
        Sql.execute(PG, db, "CREATE TABLE other (id int PRIMARY KEY)");
        try (EngineHarness sluice = new EngineHarness(withTables(streamOnly(db, 100, 0), List.of("items")))) {
            awaitStreaming(db);
            assertThatThrownBy(() -> Sql.query(PG, db, "SELECT sluice.snapshot('{nope}')"))
                    .hasMessageContaining("sluice.snapshot: table nope does not exist");
            assertThatThrownBy(() -> Sql.query(PG, db, "SELECT sluice.snapshot('{other}')"))
                    .hasMessageContaining("table public.other is not captured by Sluice; add it to the capture list first");
            assertThatThrownBy(() -> Sql.query(PG, db, "SELECT sluice.snapshot('{items}', 'no_such_column > 1')"))
                    .hasMessageContaining("column \"no_such_column\" does not exist");
            assertThatThrownBy(() -> Sql.query(PG, db, "SELECT sluice.snapshot('{items}', 'true; DROP TABLE items')"))
                    .hasMessageContaining("the condition may not contain");
            assertThatThrownBy(() -> Sql.query(PG, db, "SELECT sluice.snapshot('{}')"))
                    .hasMessageContaining("name at least one table");
            assertThat(Sql.query(PG, db, "SELECT count(*) FROM sluice.snapshot_requests")).isEqualTo("0");
            assertThat(sluice.failure.get()).isNull();
        }
    }

    @Test
    void cliRequestsSnapshotsAndNamesMistakesInOneLine() throws Exception {
        String db = PG.createDatabase("clisnap");
        ItemsWriter.createTable(PG, db, 1_000);
        try (EngineHarness sluice = new EngineHarness(streamOnly(db, 300, 0))) {
            awaitStreaming(db);
            String url = "jdbc:postgresql://" + PG.host() + ":" + PG.port() + "/" + db;
            String[] connection = {"--database-url", url, "--user", PG.user(), "--slot", db, "--publication", db};

            Cli ok = Cli.run(connection, "--table", "public.items", "--where", "id > 400");
            assertThat(ok.status).as(ok.err).isZero();
            assertThat(ok.out).contains("requested an incremental snapshot of public.items (request 1)");
            await(sluice, Duration.ofMinutes(1), () -> SnapshotRecords.requestsFinished(state, db, 1), "snapshot done");
            assertThat(SnapshotRecords.reads(new TopicReader(KAFKA).readAll(List.of(db + ".public.items"), Duration.ofMillis(200))))
                    .isEqualTo(600);

            Cli unknown = Cli.run(connection, "--table", "nope");
            assertThat(unknown.status).isEqualTo(2);
            assertThat(unknown.err.strip()).isEqualTo("sluice: sluice.snapshot: table nope does not exist");

            Cli pause = Cli.run(connection, "pause");
            assertThat(pause.status).as(pause.err).isZero();
            assertThat(pause.out).contains("requested pause of the incremental snapshots of slot " + db);

            Cli nothing = Cli.run(connection);
            assertThat(nothing.status).isEqualTo(2);
            assertThat(nothing.err).contains("name the tables to snapshot with --table");
        }
    }

    /** {@code sluice snapshot ARGS} run in-process: exit status and output. */
    private record Cli(int status, String out, String err) {
        static Cli run(String[] connection, String... args) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            List<String> all = new java.util.ArrayList<>(List.of("snapshot"));
            all.addAll(List.of(connection));
            all.addAll(List.of(args));
            int status = new dev.sluice.server.cli.SluiceCli(name -> null, config -> {
                throw new AssertionError("snapshot runs no engine");
            }).execute(new java.io.PrintWriter(out), new java.io.PrintWriter(err), all.toArray(String[]::new));
            return new Cli(status, out.toString(), err.toString());
        }
    }

    @Test
    void tableAddedToTheCaptureListGetsItsRowsThenItsChangesWithNoGap() throws Exception {
        String db = PG.createDatabase("added");
        ItemsWriter.createTable(PG, db, 2_000);
        Sql.execute(PG, db, "CREATE TABLE extra (id bigserial PRIMARY KEY, v int NOT NULL DEFAULT 0, note text);"
                + "INSERT INTO extra (note) SELECT 'before' FROM generate_series(1, 3000)");
        TopicReader reader = new TopicReader(KAFKA);
        try (EngineHarness sluice = new EngineHarness(EngineHarness.config(PG, db, KAFKA, state, List.of("items")))) {
            await(sluice, Duration.ofMinutes(1), () -> equal(db, reader, "items"), "items captured");
        }
        Sql.execute(PG, db, "INSERT INTO extra (note) SELECT 'while stopped' FROM generate_series(1, 500)");
        SluiceConfig both = EngineHarness.config(PG, db, KAFKA, state, List.of("items", "extra"));
        try (EngineHarness sluice = new EngineHarness(EngineHarness.with(both, new SnapshotConfig(2, 200_000, 300, 0)));
                ItemsWriter writer = ItemsWriter.start(PG, db, 3)) {
            for (int i = 0; i < 20; i++) {
                Sql.execute(PG, db, "UPDATE extra SET v = v + 1 WHERE id % 20 = " + i + ";"
                        + "DELETE FROM extra WHERE id = " + (100 + i * 97) + ";"
                        + "INSERT INTO extra (note) VALUES ('while snapshotting')");
            }
            await(sluice, Duration.ofMinutes(2), () -> SnapshotRecords.progress(state, db).getProperty("jobs", "").equals("0")
                    && equal(db, reader, "extra"), "extra's topic equals the table");
        }
        List<ConsumerRecord<byte[], byte[]>> records = reader.readAll(List.of(db + ".public.extra"), Duration.ofMillis(200));
        SnapshotRecords.assertPerKeyOrder(records);
        assertThat(SnapshotRecords.repeatedReads(records)).isZero();
    }

    private static boolean equal(String db, TopicReader reader, String table) throws SQLException {
        try (Connection c = PG.connect(db)) {
            return TableState.fromTopic(reader.readAll(List.of(db + ".public." + table), Duration.ofMillis(200)), "id")
                    .equals(TableState.fromTable(c, table, "id"));
        }
    }

    @Test
    void tableWithoutKeyIsSnapshottedByBlocksUnderReplicaIdentityFullAndRefusedWithout() throws Exception {
        String db = PG.createDatabase("nokeysnap");
        Sql.execute(PG, db, "CREATE TABLE logbook (line text, n int) WITH (fillfactor = 50);"
                + "ALTER TABLE logbook REPLICA IDENTITY FULL;"
                + "INSERT INTO logbook SELECT 'line ' || g, g FROM generate_series(1, 5000) g;"
                + "CREATE TABLE scratch (line text); INSERT INTO scratch VALUES ('a')");
        SluiceConfig c = withTables(streamOnly(db, 100, 0), List.of("logbook", "scratch"));
        SluiceConfig unkeyed = EngineHarness.with(c, c.tables(), true, c.snapshotMode(), c.snapshots());
        try (EngineHarness sluice = new EngineHarness(unkeyed)) {
            awaitStreaming(db);
            long request = Long.parseLong(Sql.query(PG, db, "SELECT sluice.snapshot('{logbook}')"));
            Sql.execute(PG, db, "UPDATE logbook SET n = -n WHERE n % 10 = 0; DELETE FROM logbook WHERE n % 7 = 0");
            await(sluice, Duration.ofMinutes(1), () -> SnapshotRecords.requestsFinished(state, db, request), "snapshot done");
            long reads = SnapshotRecords.reads(new TopicReader(KAFKA).readAll(List.of(db + ".public.logbook"), Duration.ofMillis(200)));
            long rows = Long.parseLong(Sql.query(PG, db, "SELECT count(*) FROM logbook"));
            // Read in one block range each chunk; rows changed while their chunk was between its watermarks
            // are left to the stream, so a row is read at most once.
            assertThat(reads).isBetween(rows - 600, 5000L);

            assertThatThrownBy(() -> Sql.query(PG, db, "SELECT sluice.snapshot('{scratch}')"))
                    .hasMessageContaining("table public.scratch has neither a primary key nor REPLICA IDENTITY FULL");
        }
    }

    private boolean topicEqualsTable(String db, TopicReader reader, String topic) throws SQLException {
        try (Connection c = PG.connect(db)) {
            Map<String, Map<String, String>> expected = TableState.fromTable(c, "items", "id");
            return TableState.fromTopic(reader.readAll(List.of(topic), Duration.ofMillis(200)), "id").equals(expected);
        }
    }

    private static void awaitStreaming(String db) {
        Poll.until(Duration.ofMinutes(1), () -> Sql.slotActive(PG, db, db), "sluice streaming");
    }

    /** Waits for {@code condition}, failing at once with Sluice's own error if it stopped. */
    private static void await(EngineHarness sluice, Duration deadline, java.util.concurrent.Callable<Boolean> condition,
            String what) {
        Poll.until(deadline, () -> sluice.failure.get() != null || condition.call(), what);
        if (sluice.failure.get() != null) {
            throw new AssertionError("sluice failed while waiting for " + what, sluice.failure.get());
        }
    }

    private SluiceConfig streamOnly(String db, int chunkRows, int rowsPerSecond) {
        SluiceConfig c = EngineHarness.config(PG, db, KAFKA, state, List.of("items"));
        return EngineHarness.with(c, c.tables(), false, SluiceConfig.SnapshotMode.NEVER,
                new SnapshotConfig(2, 200_000, chunkRows, rowsPerSecond));
    }

    private static SluiceConfig withTables(SluiceConfig c, List<String> tables) {
        return EngineHarness.with(c, tables, c.allowUnkeyed(), c.snapshotMode(), c.snapshots());
    }
}
