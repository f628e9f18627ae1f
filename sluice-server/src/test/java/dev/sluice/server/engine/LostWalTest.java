package dev.sluice.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.error.FatalException;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the server removed WAL the slot still needed (max_slot_wal_keep_size exceeded while Sluice
 * was down), changes are gone: Sluice stops with a line that says so and how to start over,
 * instead of streaming on as if nothing was missed.
 */
class LostWalTest {

    @TempDir
    Path state;

    @Test
    void slotThatLostItsWalIsFatalAndNamesTheWayOut() throws Exception {
        try (TestPostgres pg = TestPostgres.start(Map.of("max_slot_wal_keep_size", "1MB", "min_wal_size", "32MB",
                "max_wal_size", "64MB"))) {
            execute(pg, "CREATE TABLE t (id int PRIMARY KEY, pad text)");
            SluiceConfig config = EngineHarness.config(pg, "postgres", TestKafka.shared().bootstrapServers(), state, List.of());
            try (EngineHarness first = new EngineHarness(config)) {
                Poll.until(Duration.ofSeconds(60), () -> "true".equals(query(pg,
                        "SELECT coalesce(bool_or(active), false)::text FROM pg_replication_slots")), "streaming");
            }
            for (int i = 0; i < 4; i++) {
                execute(pg, "INSERT INTO t SELECT g, repeat('x', 1000) FROM generate_series(" + (i * 20000 + 1) + ", "
                        + (i + 1) * 20000 + ") g");
                execute(pg, "SELECT pg_switch_wal()");
                execute(pg, "CHECKPOINT");
            }
            assertThat(query(pg, "SELECT wal_status FROM pg_replication_slots")).isEqualTo("lost");
            EngineHarness second = new EngineHarness(config);
            second.join();
            assertThat(second.failure.get()).isInstanceOf(FatalException.class);
            assertThat(second.failure.get().getMessage()).isEqualTo("slot \"postgres\" has lost WAL it needs (wal_status = lost): "
                    + "changes were lost to Sluice; restart with --reset to take a new snapshot");
        }
    }

    private static void execute(TestPostgres pg, String sql) throws Exception {
        Sql.execute(pg, "postgres", sql);
    }

    private static String query(TestPostgres pg, String sql) throws Exception {
        return Sql.query(pg, "postgres", sql);
    }
}
