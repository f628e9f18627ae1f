package dev.sluice.formats.testing;

import dev.sluice.core.event.TableId;
import dev.sluice.core.offset.FileOffsetStore;
import dev.sluice.core.pipeline.ChangePipeline;
import dev.sluice.core.pipeline.DeliveryTracker;
import dev.sluice.core.pipeline.PipelineStats;
import dev.sluice.core.pipeline.SinkHandOff;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.spi.Encoder;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.postgres.PostgresSource;
import dev.sluice.postgres.PostgresSourceConfig;
import dev.sluice.postgres.snapshot.SnapshotOptions;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Sluice's pipeline as the engine assembles it (PostgreSQL source, an encoder under test, the
 * Kafka sink behind its hand-off thread), run on its own thread: for format tests in this module,
 * which cannot depend on sluice-server.
 */
public final class SluicePipeline implements AutoCloseable {

    private final PostgresSource source;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final TestPostgres pg;
    private final String database;
    private final String slot;

    /**
     * @param encoder            makes the encoder from the topic router (encoders name schemas after topics)
     * @param schemaChangesTopic null for none
     */
    public SluicePipeline(TestPostgres pg, TestKafka kafka, String database, List<String> tables, String slot, String topicPrefix,
            Path stateDir, Function<TopicRouter, Encoder> encoder, String schemaChangesTopic) {
        this.pg = pg;
        this.database = database;
        this.slot = slot;
        String url = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database;
        PostgresSourceConfig config = new PostgresSourceConfig(url, pg.user(), pg.password(), slot, slot,
                tables.stream().map(t -> TableId.parse(t, "public")).toList(), List.of("public"), false, true,
                Duration.ofMillis(200), Duration.ofMillis(500),
                // One snapshot worker reads the tables one after the other, in the order Debezium does.
                new SnapshotOptions(1, SnapshotOptions.DEFAULT_CHUNK_ROWS, SnapshotOptions.DEFAULT_INCREMENTAL_CHUNK_ROWS, 0, null),
                false);
        source = new PostgresSource(config, new FileOffsetStore(stateDir.resolve(slot + ".state")));
        TopicRouter router = new TopicRouter(topicPrefix, Map.of());
        SinkHandOff sink = new SinkHandOff(new KafkaSink(kafka.bootstrapServers(), Map.of(), 1, (short) -1), 20_000);
        ChangePipeline pipeline = new ChangePipeline(source, router, () -> encoder.apply(router), sink, new DeliveryTracker(20_000),
                true, new PipelineStats(), schemaChangesTopic);
        thread = new Thread(() -> {
            try (sink) {
                pipeline.run();
            } catch (Throwable t) {
                LoggerFactory.getLogger(SluicePipeline.class).error("pipeline {} failed", slot, t);
                failure.set(t);
            }
        }, "sluice-" + slot);
        thread.start();
    }

    /** Waits until the slot streams (the snapshot is done), failing early if the pipeline died. */
    public void awaitStreaming(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!slotActive()) {
            if (failure.get() != null) {
                throw new IllegalStateException("pipeline " + slot + " failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("slot " + slot + " not streaming within " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    public Throwable failure() {
        return failure.get();
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Waits for the pipeline to stop by itself (e.g. on a fatal error). */
    public void join(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
    }

    private boolean slotActive() {
        try (Connection c = pg.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(bool_or(active), false) FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        source.stop();
        thread.join(Duration.ofSeconds(30).toMillis());
    }
}
