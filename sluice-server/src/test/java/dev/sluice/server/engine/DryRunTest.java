package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Kafka, {@code sluice run} writes one JSON line per record to stdout: a dry run. */
class DryRunTest {

    private static final TestPostgres PG = TestPostgres.shared();

    @TempDir
    Path dir;

    @Test
    void withoutKafkaEveryRecordIsAJsonLineOnStdoutAndLogsStayOnStderr() throws Exception {
        String db = PG.createDatabase("dry");
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO t VALUES (1, 'snap')");
        }
        Path stdout = dir.resolve("stdout.jsonl");
        Path stderr = dir.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sluice = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.sluice.server.cli.SluiceCli", "run",
                "--database-url", "jdbc:postgresql://" + PG.host() + ":" + PG.port() + "/" + db,
                "--slot", db, "--publication", db, "--state-dir", dir.toString(), "--http-address", "127.0.0.1:0")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            Poll.until(Duration.ofSeconds(60), () -> Files.readString(stderr).contains("streaming from slot"), "streaming");
            try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
                s.execute("DELETE FROM t WHERE id = 1");
            }
            Poll.until(Duration.ofSeconds(30), () -> Files.readAllLines(stdout).size() == 3, "three lines");
        } finally {
            sluice.destroy();
            assertThat(sluice.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(sluice.exitValue()).as("a clean stop on SIGTERM").isZero();
        List<JsonNode> lines = Files.readAllLines(stdout).stream().map(l -> TableState.parse(l.getBytes())).toList();
        assertThat(lines).extracting(l -> l.get("topic").asText()).containsOnly(db + ".public.t");
        assertThat(lines.get(0).get("value").get("op").asText()).isEqualTo("r");
        assertThat(lines.get(1).get("value").get("op").asText()).isEqualTo("d");
        assertThat(lines.get(1).get("key").get("id").asInt()).isEqualTo(1);
        assertThat(lines.get(2).get("value").isNull()).as("the tombstone").isTrue();
    }
}
