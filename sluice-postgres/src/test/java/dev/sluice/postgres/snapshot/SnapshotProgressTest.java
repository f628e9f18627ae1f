package dev.sluice.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the snapshot's progress line and bar say. */
class SnapshotProgressTest {

    @Test
    void lineGivesRowsOfTheEstimateRateEtaChunksAndTablesLeft() {
        SnapshotProgress progress = new SnapshotProgress(1_000_000, 10, 3, null);
        long start = System.nanoTime();
        progress.rows(250_000);
        progress.chunkRead(false);
        progress.chunkRead(true);
        String line = progress.line(start + TimeUnit.SECONDS.toNanos(5));
        assertThat(line).startsWith("250,000 of ~1,000,000 rows (25%), ")
                .contains(" rows/s, ETA ")
                .endsWith(", chunks 2/10, tables left 2");
        assertThat(line).containsPattern("ETA (1[0-9]|[0-9])s");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SnapshotProgress progress = new SnapshotProgress(100, 1, 1, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        progress.rows(50);
        progress.chunkRead(true);
        progress.finish();
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\r[###############               ] 50 of ~100 rows (50%)").endsWith("tables left 0" + System.lineSeparator());
    }
}
