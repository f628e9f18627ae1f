package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction much larger than Sluice's heap streams through: rows are forwarded as they
 * arrive, never held for the whole transaction.
 */
class BigTransactionTest {

    private static final TestPostgres PG = TestPostgres.shared();
    private static final int ROWS = 200_000;

    @TempDir
    Path state;

    @Test
    void transactionOfTwiceTheHeapStreamsWithin96MegabytesOfHeap() throws Exception {
        String db = PG.createDatabase("bigtx");
        try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wide (id int PRIMARY KEY, payload text)");
        }
        Path log = state.resolve("sluice.log");
        Process sluice = SluiceProcess.start(PG, db, state, "96m", log);
        try {
            Poll.until(Duration.ofSeconds(60), () -> Files.readString(log).contains("streaming from slot"), "streaming");
            try (Connection c = PG.connect(db); Statement s = c.createStatement()) {
                // One transaction, about 200 MB of JSON once encoded: twice the heap.
                s.execute("INSERT INTO wide SELECT g, repeat(md5(g::text), 30) FROM generate_series(1, " + ROWS + ") g");
            }
            String topic = db + ".public.wide";
            new TopicReader(TestKafka.shared().bootstrapServers())
                    .readUntil(List.of(topic), records -> records.size() >= ROWS, Duration.ofMinutes(4));
            assertThat(sluice.isAlive()).as("sluice is still running (no OutOfMemoryError)").isTrue();
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            sluice.destroy();
            assertThat(sluice.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
