package dev.sluice.server.engine;

import dev.sluice.server.config.FormatConfig;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SnapshotConfig;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a {@link SluiceEngine} on its own thread, as {@code sluice run} would, for end-to-end tests. */
final class EngineHarness implements AutoCloseable {

    final SluiceEngine engine;
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    EngineHarness(SluiceConfig config) {
        engine = new SluiceEngine(config);
        thread = new Thread(() -> {
            try {
                engine.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "engine-" + config.slot());
        thread.start();
    }

    /** A configuration for {@code database} on the test server with Kafka, fast intervals for tests. */
    static SluiceConfig config(TestPostgres pg, String database, String kafka, Path stateDir, List<String> tables) {
        String url = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database;
        return new SluiceConfig(url, pg.user(), pg.password(), database, database, tables,
                List.of("public"), null, Map.of(), false, true, kafka, Map.of(), 1, (short) -1, null, stateDir,
                SluiceConfig.SnapshotMode.INITIAL, Duration.ofMillis(200), Duration.ofMillis(500), 20_000,
                Duration.ofMillis(200), Duration.ofSeconds(2), FormatConfig.defaults());
    }

    /** {@code c} with other tables, unkeyed rule, snapshot mode and snapshot settings. */
    static SluiceConfig with(SluiceConfig c, List<String> tables, boolean allowUnkeyed, SluiceConfig.SnapshotMode mode,
            SnapshotConfig snapshots) {
        return new SluiceConfig(c.databaseUrl(), c.user(), c.password(), c.slot(), c.publication(), tables, c.schemas(),
                c.topicPrefix(), c.topicOverrides(), allowUnkeyed, c.tombstones(), c.kafkaBootstrapServers(),
                c.kafkaProperties(), c.topicPartitions(), c.topicReplicationFactor(), c.output(), c.stateDir(),
                mode, c.heartbeatInterval(), c.statusInterval(), c.maxInFlight(),
                c.retryInitialBackoff(), c.retryMaxBackoff(), c.format(), snapshots);
    }

    /** {@code c} with other snapshot settings. */
    static SluiceConfig with(SluiceConfig c, SnapshotConfig snapshots) {
        return with(c, c.tables(), c.allowUnkeyed(), c.snapshotMode(), snapshots);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    void join() {
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        engine.stop();
        join();
    }
}
