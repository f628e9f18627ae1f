package dev.sluice.bench.child;

import dev.sluice.bench.Contender;
import dev.sluice.core.event.TableId;
import dev.sluice.core.offset.FileOffsetStore;
import dev.sluice.core.pipeline.ChangePipeline;
import dev.sluice.core.pipeline.DeliveryTracker;
import dev.sluice.core.pipeline.PipelineStats;
import dev.sluice.core.pipeline.SinkHandOff;
import dev.sluice.core.route.TopicRouter;
import dev.sluice.core.sink.DiscardingSink;
import dev.sluice.core.spi.Encoder;
import dev.sluice.core.spi.Sink;
import dev.sluice.formats.EncoderFactory;
import dev.sluice.formats.Format;
import dev.sluice.formats.FormatOptions;
import dev.sluice.formats.debezium.DebeziumOptions;
import dev.sluice.formats.registry.RegistryFailure;
import dev.sluice.formats.registry.RegistrySettings;
import dev.sluice.formats.testing.TestSchemaRegistry;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.postgres.PostgresSource;
import dev.sluice.postgres.PostgresSourceConfig;
import dev.sluice.postgres.snapshot.SnapshotOptions;
import dev.sluice.postgres.snapshot.SnapshotStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sluice as {@code SluiceEngine} wires one attempt: {@link PostgresSource}, {@link ChangePipeline},
 * the format's encoder from {@link EncoderFactory}, a {@link DeliveryTracker} and the sink behind a
 * {@link SinkHandOff}, with the engine's defaults (max-in-flight 20,000, tombstones on, the Kafka
 * sink's producer defaults, the format's defaults). Built here rather than through the engine so
 * that the meter can sit between the hand-off and the real sink and see every acknowledgement,
 * which the engine does not expose. The source is configured as the engine configures it: the
 * snapshot options' defaults (parallel workers, chunk sizes) and a state directory, where snapshot
 * progress is kept.
 *
 * <p>In an incremental snapshot run ({@code incremental=true}) only snapshot reads count, and the
 * drain ends when Sluice's progress file says the requested snapshot is done
 * ({@link SnapshotCompletion}).
 *
 * <p>The avro format needs a schema registry and none can be installed here, so this JVM starts
 * sluice-formats' test registry: it is asked once per table (key and value schema), after which
 * the encoder uses its cached ids, so it costs the measured drain nothing but those two requests.
 */
final class SluiceRun implements ContenderRun {

    /** The {@code max-in-flight} setting's default. */
    static final int MAX_IN_FLIGHT = 20_000;

    /** Written as {@code source.version} by debezium-json, as the engine writes {@code sluice-<version>}. */
    private static final String SOURCE_VERSION = "sluice-bench";

    private final boolean kafka;
    private final Contender.Encoding encoding;

    SluiceRun(boolean kafka, Contender.Encoding encoding) {
        this.kafka = kafka;
        this.encoding = encoding;
    }

    @Override
    public void start(ChildArgs args, DrainMeter meter) throws Exception {
        Path state = Files.createTempDirectory("sluice-bench-state-");
        String slot = args.get("slot");
        // As the engine builds it: the snapshot defaults (parallel workers) and progress kept in the state directory.
        PostgresSourceConfig config = new PostgresSourceConfig(args.get("url"), args.get("user"), args.get("password"),
                slot, args.get("publication"), List.of(TableId.parse(args.get("table"), "public")),
                List.of("public"), false, args.getBoolean("snapshot"), Duration.ofSeconds(10), Duration.ofSeconds(1),
                SnapshotOptions.defaults(state), false);
        PostgresSource source = new PostgresSource(config, new FileOffsetStore(state.resolve(slot + ".state")));
        Sink real = kafka ? new KafkaSink(args.get("kafka"), Map.of(), 1, (short) -1) : new DiscardingSink();
        TopicRouter router = new TopicRouter(args.get("topicPrefix"), Map.of());
        EncoderFactory encoders = new EncoderFactory(formatOptions(), args.get("database"), args.get("topicPrefix"),
                Clock.systemUTC());
        encoders.check();
        Supplier<Encoder> encoder = () -> encoders.create(router);
        Sink sink;
        if (args.getBoolean("incremental")) {
            // Only the snapshot's reads count, not the writer's changes streamed alongside: the meter sits in
            // front of the hand-off, on the pipeline thread, where the operation of each record is known.
            // The workload takes no initial snapshot, so the pipeline's encoder is the only one made.
            OperationTap tap = new OperationTap(encoders.create(router));
            encoder = () -> tap;
            sink = new MeteredSink(new SinkHandOff(real, MAX_IN_FLIGHT), meter, tap::lastWasRead);
            SnapshotCompletion.watch(SnapshotStateStore.forSlot(state, slot), meter);
        } else {
            sink = new SinkHandOff(new MeteredSink(real, meter), MAX_IN_FLIGHT);
        }
        ChangePipeline pipeline = new ChangePipeline(source, router, encoder, sink,
                new DeliveryTracker(MAX_IN_FLIGHT), true, new PipelineStats());
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

    /** What the engine would be configured with for this contender's format, defaults otherwise. */
    private FormatOptions formatOptions() throws IOException {
        DebeziumOptions defaults = DebeziumOptions.defaults(SOURCE_VERSION);
        return switch (encoding) {
            case JSON -> new FormatOptions(Format.JSON, defaults, null);
            case DEBEZIUM_JSON -> new FormatOptions(Format.DEBEZIUM_JSON, defaults, null);
            case DEBEZIUM_JSON_SCHEMALESS -> new FormatOptions(Format.DEBEZIUM_JSON, new DebeziumOptions(false,
                    defaults.decimalHandling(), defaults.timePrecision(), defaults.version()), null);
            // Left running until the process halts: the encoder registers each table's schemas on first sight.
            case AVRO -> new FormatOptions(Format.AVRO, defaults, new RegistrySettings(TestSchemaRegistry.start().url(),
                    null, null, RegistryFailure.STOP));
        };
    }
}
