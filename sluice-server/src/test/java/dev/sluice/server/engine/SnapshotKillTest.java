package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a {@code sluice run} process in the middle of a snapshot — the parallel initial one
 * and an incremental one — then a restart: the topic ends up equal to the table, rows deleted
 * meanwhile are deleted in the topic too, and the chunks delivered before the kill are not read
 * again (the repeated reads are counted: at most the chunks that were in flight).
 */
class SnapshotKillTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final int ROWS = 100_000;
    private static final int CHUNK_ROWS = 2_500;

    @TempDir
    Path state;

    @Test
    void killDuringTheInitialSnapshotFinishesItWithoutStartingOver() throws Exception {
        String db = PG.createDatabase("killinit");
        ItemsWriter.createTable(PG, db, ROWS);
        // Few records in flight slow the snapshot down enough for the kill to land in its middle.
        List<String> flags = List.of("--tables", "items", "--snapshot-workers", "2", "--snapshot-chunk-rows",
                String.valueOf(CHUNK_ROWS), "--incremental-chunk-rows", "1000", "--max-in-flight", "200");
        Process first = start(db, 0, flags);
        Poll.until(Duration.ofMinutes(2), () -> !first.isAlive() || SnapshotRecords.initialChunksDone(state, db) >= 6,
                "6 initial chunks delivered");
        first.destroyForcibly().waitFor();
        int done = SnapshotRecords.initialChunksDone(state, db);
        int planned = Integer.parseInt(SnapshotRecords.progress(state, db).getProperty("initial.chunks"));
        assertThat(done).as("killed during the snapshot").isLessThan(planned);
        // Changes while Sluice is down, among them deletes of rows the killed run had already sent.
        Sql.execute(PG, db, "DELETE FROM items WHERE id % 100 = 0; UPDATE items SET v = v + 1 WHERE id % 1000 = 7;"
                + "INSERT INTO items (note) SELECT 'after the kill' FROM generate_series(1, 500)");

        Process second = start(db, 1, flags);
        try (ItemsWriter writer = ItemsWriter.start(PG, db, 11)) {
            Poll.until(Duration.ofMinutes(3), () -> !second.isAlive() || snapshotComplete(db), "the snapshot completed");
        }
        try {
            assertConverged(db, second, 1);
            List<ConsumerRecord<byte[], byte[]>> records = records(db);
            SnapshotRecords.assertPerKeyOrder(records);
            long repeated = SnapshotRecords.repeatedReads(records);
            report("initial", done, planned, repeated);
            // Started over, the delivered chunks would come again: done × CHUNK_ROWS repeated reads at least.
            // Continued, only the chunks in flight at the kill (one per worker) are read again.
            assertThat(repeated).as("rows read again after the kill (%d of %d chunks were delivered)", done, planned)
                    .isLessThanOrEqualTo(2L * CHUNK_ROWS + CHUNK_ROWS / 2);
        } finally {
            stop(second);
        }
    }

    @Test
    void killDuringAnIncrementalSnapshotContinuesWithTheNextChunk() throws Exception {
        String db = PG.createDatabase("killincr");
        ItemsWriter.createTable(PG, db, ROWS / 4);
        List<String> flags = List.of("--tables", "items", "--snapshot-mode", "never", "--incremental-chunk-rows", "500",
                "--incremental-rows-per-second", "5000");
        Process first = start(db, 0, flags);
        Poll.until(Duration.ofMinutes(1), () -> Sql.slotActive(PG, db, db), "first run streaming");
        Sql.query(PG, db, "SELECT sluice.snapshot('{items}')");
        Poll.until(Duration.ofMinutes(2), () -> !first.isAlive() || SnapshotRecords.incrementalChunksDone(state, db) >= 10,
                "10 incremental chunks delivered");
        first.destroyForcibly().waitFor();
        int done = SnapshotRecords.incrementalChunksDone(state, db);
        assertThat(done).as("killed during the snapshot").isBetween(10, ROWS / 4 / 500 - 1);
        Sql.execute(PG, db, "DELETE FROM items WHERE id % 100 = 1; UPDATE items SET v = v + 1 WHERE id % 9 = 0");

        Process second = start(db, 1, flags);
        try (ItemsWriter writer = ItemsWriter.start(PG, db, 13)) {
            Poll.until(Duration.ofMinutes(3), () -> !second.isAlive() || SnapshotRecords.requestsFinished(state, db, 1),
                    "the snapshot completed");
        }
        try {
            assertConverged(db, second, 1);
            List<ConsumerRecord<byte[], byte[]>> records = records(db);
            SnapshotRecords.assertPerKeyOrder(records);
            long repeated = SnapshotRecords.repeatedReads(records);
            report("incremental", done, ROWS / 4 / 500, repeated);
            // Started over, the delivered chunks would come again: done × 500 repeated reads at least.
            // Continued, at most the chunks emitted and not yet acknowledged at the kill are read again.
            assertThat(repeated).as("rows read again after the kill (%d chunks were delivered)", done)
                    .isLessThanOrEqualTo(3 * 500L);
        } finally {
            stop(second);
        }
    }

    private boolean snapshotComplete(String db) throws IOException {
        Path file = state.resolve(db + ".state");
        return Files.exists(file) && Files.readString(file).contains("snapshot-complete=true");
    }

    private void assertConverged(String db, Process sluice, int run) throws IOException {
        TopicReader reader = new TopicReader(TestKafka.shared().bootstrapServers());
        try {
            Poll.until(Duration.ofMinutes(2), () -> topicEqualsTable(db, reader), "topic equals table");
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("topic did not converge; sluice " + (sluice.isAlive() ? "still running" : "exited with "
                    + sluice.exitValue()) + "; its output:\n" + Files.readString(log(db, run)), e);
        }
    }

    private static boolean topicEqualsTable(String db, TopicReader reader) throws SQLException {
        try (Connection c = PG.connect(db)) {
            Map<String, Map<String, String>> expected = TableState.fromTable(c, "items", "id");
            return TableState.fromTopic(reader.readAll(List.of(db + ".public.items"), Duration.ofMillis(200)), "id")
                    .equals(expected);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(String db) {
        return new TopicReader(TestKafka.shared().bootstrapServers()).readAll(List.of(db + ".public.items"), Duration.ofMillis(200));
    }

    private Process start(String db, int run, List<String> flags) throws IOException {
        return SluiceProcess.start(PG, db, state, "256m", log(db, run), flags);
    }

    private static void stop(Process sluice) throws InterruptedException {
        sluice.destroy();
        assertThat(sluice.waitFor(60, TimeUnit.SECONDS)).as("sluice stops on SIGTERM").isTrue();
    }

    private static Path log(String db, int run) throws IOException {
        return Files.createDirectories(Path.of("target", "snapshot-kill", db)).resolve("sluice-" + run + ".log");
    }

    private static void report(String what, int done, int chunks, long repeated) throws IOException {
        String line = String.format("kill during the %s snapshot: %d of %d chunks delivered before it, %d rows read again%n",
                what, done, chunks, repeated);
        System.out.print(line);
        Files.writeString(Path.of("target", "snapshot-kill-report.txt"), line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
