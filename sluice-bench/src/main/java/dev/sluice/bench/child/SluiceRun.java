package dev.sluice.bench.child;

import dev.sluice.core.encode.JsonEncoder;
import dev.sluice.core.event.TableId;
import dev.sluice.core.offset.FileOffsetStore;
import dev.sluice.core.pipeline.ChangePipeline;
import dev.sluice.core.pipeline.DeliveryTracker;
import dev.sluice.core.pipeline.PipelineStats;
import dev.sluice.core.pipeline.SinkHandOff;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.sink.DiscardingSink;
import dev.sluice.core.spi.Sink;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.postgres.PostgresSource;
import dev.sluice.postgres.PostgresSourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sluice as {@code SluiceEngine} wires one attempt: {@link PostgresSource}, {@link ChangePipeline},
 * {@link JsonEncoder}, a {@link DeliveryTracker} and the sink behind a {@link SinkHandOff}, with
 * the engine's defaults (max-in-flight 20,000, tombstones on, the Kafka sink's producer defaults).
 * Built here rather than through the engine so that the meter can sit between the hand-off and
 * the real sink and see every acknowledgement, which the engine does not expose.
 */
final class SluiceRun implements ContenderRun {

    /** The {@code max-in-flight} setting's default. */
    static final int MAX_IN_FLIGHT = 20_000;

    private final boolean kafka;

    SluiceRun(boolean kafka) {
        this.kafka = kafka;
    }

    @Override
    public void start(ChildArgs args, DrainMeter meter) throws Exception {
        Path state = Files.createTempDirectory("sluice-bench-state-");
        PostgresSourceConfig config = new PostgresSourceConfig(args.get("url"), args.get("user"), args.get("password"),
                args.get("slot"), args.get("publication"), List.of(TableId.parse(args.get("table"), "public")),
                List.of("public"), false, args.getBoolean("snapshot"), Duration.ofSeconds(10), Duration.ofSeconds(1));
        PostgresSource source = new PostgresSource(config, new FileOffsetStore(state.resolve(args.get("slot") + ".state")));
        Sink real = kafka ? new KafkaSink(args.get("kafka"), Map.of(), 1, (short) -1) : new DiscardingSink();
        Sink sink = new SinkHandOff(new MeteredSink(real, meter), MAX_IN_FLIGHT);
        ChangePipeline pipeline = new ChangePipeline(source, new TopicRouter(args.get("topicPrefix"), Map.of()),
                new JsonEncoder(args.get("database"), Clock.systemUTC()), sink, new DeliveryTracker(MAX_IN_FLIGHT),
                true, new PipelineStats());
        Thread thread = new Thread(() -> {
            try {
                pipeline.run();
            } catch (RuntimeException | Error e) {
                meter.fail(e);
            }
        }, "sluice-pipeline");
        thread.setDaemon(true);
        thread.start();
    }
}
