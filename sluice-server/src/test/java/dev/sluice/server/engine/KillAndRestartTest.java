package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sluice as a separate process ({@code sluice run}), killed with SIGKILL at random moments (the
 * first may land in the initial snapshot) while a writer keeps changing the tables, and restarted each time: in the end the state rebuilt from the
 * topics equals the tables. At-least-once allows duplicates; they are counted and reported.
 */
class KillAndRestartTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final int KILLS = 10;

    @TempDir
    Path state;

    @Test
    void sigkillAtRandomMomentsLosesNoCommittedChange() throws Exception {
        String db = PG.createDatabase("kill");
        EndToEndTest.Workload workload = new EndToEndTest.Workload(PG, db, 2, 99);
        workload.createTables();
        workload.run(500);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                while (writing.get()) {
                    workload.run(20);
                }
            } catch (SQLException e) {
                writerFailure.set(e);
            }
        }, "writer");
        writer.start();
        Random random = new Random(1234);
        for (int kill = 0; kill < KILLS; kill++) {
            Process sluice = start(db, kill);
            Path log = log(db, kill);
            // Kill at a random moment once the run reached the server (a slow JVM must not be killed before
            // it did anything), be it during the initial snapshot, its catch-up or streaming.
            Poll.until(Duration.ofSeconds(90), () -> !sluice.isAlive() || reachedServer(log), "run " + kill + " at work");
            long lifetime = random.nextInt(2500);
            if (sluice.waitFor(lifetime, TimeUnit.MILLISECONDS) || !sluice.isAlive()) {
                throw new AssertionError("sluice run " + kill + " exited by itself with " + sluice.exitValue()
                        + " before it was killed; its output:\n" + Files.readString(log));
            }
            sluice.destroyForcibly().waitFor();
        }
        writing.set(false);
        writer.join();
        assertThat(writerFailure.get()).isNull();

        Process last = start(db, KILLS);
        try {
            TopicReader reader = new TopicReader(TestKafka.shared().bootstrapServers());
            try {
                Poll.until(Duration.ofMinutes(4), () -> workload.matches(db, reader), "topics equal tables after " + KILLS + " kills");
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("topics did not converge after " + KILLS + " kills; sluice "
                        + (last.isAlive() ? "still running" : "exited with " + last.exitValue()) + "; its output:\n"
                        + Files.readString(log(db, KILLS)), e);
            }
        } finally {
            last.destroy();
            assertThat(last.waitFor(60, TimeUnit.SECONDS)).as("sluice stops on SIGTERM").isTrue();
        }
        reportDuplicates(db, workload);
    }

    private Process start(String db, int run) throws IOException {
        return SluiceProcess.start(PG, db, state, "256m", log(db, run));
    }

    /** Kept under target/ (not in the temporary directory) so that a failure can be read afterwards. */
    private static Path log(String db, int run) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "kill-and-restart", db));
        return dir.resolve("sluice-" + run + ".log");
    }

    private static boolean reachedServer(Path log) throws IOException {
        if (!Files.exists(log)) {
            return false;
        }
        String output = Files.readString(log);
        return output.contains("created slot") || output.contains("resuming from slot");
    }

    /** Duplicates are allowed (at-least-once): report how many, per topic, in the test output. */
    private static void reportDuplicates(String db, EndToEndTest.Workload workload) throws IOException {
        List<ConsumerRecord<byte[], byte[]>> records = new TopicReader(TestKafka.shared().bootstrapServers())
                .readAll(workload.topics(db), Duration.ZERO);
        Map<String, Integer> seen = new HashMap<>();
        int values = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() != null) {
                values++;
                seen.merge(record.topic() + new String(record.key()) + new String(record.value()).replaceAll("\"ts\":\\d+", ""), 1, Integer::sum);
            }
        }
        long duplicates = values - seen.size();
        String report = String.format("%d kills: %d change records, %d duplicates (%.1f%%)%n", KILLS, values, duplicates,
                100.0 * duplicates / Math.max(1, values));
        System.out.print(report);
        Files.writeString(Path.of("target", "kill-and-restart-report.txt"), report);
    }
}
