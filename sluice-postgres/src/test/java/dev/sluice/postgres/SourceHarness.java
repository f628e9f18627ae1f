package dev.sluice.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.encode.JsonEncoder;
import dev.sluice.core.event.TableId;
import dev.sluice.core.offset.FileOffsetStore;
import dev.sluice.core.pipeline.ChangePipeline;
import dev.sluice.core.pipeline.DeliveryTracker;
import dev.sluice.core.pipeline.PipelineStats;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.spi.Ack;
import dev.sluice.core.spi.Sink;
import dev.sluice.core.spi.SinkRecord;
import dev.sluice.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link PostgresSource} on its own thread into a sink that keeps every record, for tests
 * of the source against a real server.
 */
final class SourceHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final List<SinkRecord> records = new CopyOnWriteArrayList<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final PostgresSource source;
    private final Thread thread;

    SourceHarness(TestPostgres pg, String database, List<TableId> tables, Path stateDir, String slot) {
        PostgresSourceConfig config = new PostgresSourceConfig(pg.jdbcUrl(database), pg.user(), pg.password(), slot,
                slot, tables, List.of("public"), false, true, Duration.ofMillis(200), Duration.ofMillis(500));
        source = new PostgresSource(config, new FileOffsetStore(stateDir.resolve(slot + ".state")));
        Sink sink = new Sink() {
            @Override
            public void send(SinkRecord record, Ack ack) {
                records.add(record);
                ack.acked();
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        ChangePipeline pipeline = new ChangePipeline(source, new TopicRouter(database, Map.of()),
                () -> new JsonEncoder(database, Clock.systemUTC()), sink, new DeliveryTracker(1000), true, new PipelineStats());
        thread = new Thread(() -> {
            try {
                pipeline.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "source-harness");
        thread.start();
    }

    List<JsonNode> values(String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (SinkRecord r : records) {
            if (r.topic().equals(topic) && r.value() != null) {
                out.add(parse(r.value()));
            }
        }
        return out;
    }

    static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        source.stop();
        try {
            thread.join(20_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
