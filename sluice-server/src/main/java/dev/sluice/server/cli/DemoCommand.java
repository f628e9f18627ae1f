package dev.sluice.server.cli;

import dev.sluice.core.config.ResolvedSettings;
import dev.sluice.server.config.SluiceConfig;
import dev.sluice.server.config.SluiceConfigLoader;
import dev.sluice.testkit.TestKafka;
import dev.sluice.testkit.TestPostgres;
import dev.sluice.testkit.TopicReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice demo}: Sluice working end to end with nothing installed but a JDK. Starts an
 * embedded PostgreSQL and an in-process Kafka broker, creates {@link DemoShop}'s sample tables,
 * runs the engine against them (configured through the same settings as {@code sluice run}),
 * writes changes for a while, prints the events as they arrive, then stops everything.
 * Ctrl-C ends it early, cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show Sluice at work: start an embedded PostgreSQL and an in-process Kafka broker, "
                + "create sample tables, write changes and print the events arriving on the topics."})
final class DemoCommand implements Callable<Integer> {

    /** Topics are {@code demo.shop.<table>}. */
    static final String TOPIC_PREFIX = "demo";
    private static final Duration WRITE_PERIOD = Duration.ofMillis(300);
    /** After the last write, how long without a new event before the demo ends. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** After the last write, how long to wait for the events at most. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration ENGINE_STOP_LIMIT = Duration.ofSeconds(20);

    @Option(names = "--duration", defaultValue = "10s", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "How long to keep writing changes. Default: ${DEFAULT-VALUE}.")
    private Duration duration;

    @Option(names = "--no-kafka", description = "Start no broker: Sluice writes JSON lines to stdout instead.")
    private boolean noKafka;

    @Spec
    private CommandSpec spec;

    private final Function<SluiceConfig, Engine> engines;
    private final GracefulShutdown shutdown;
    private final AtomicBoolean interrupted = new AtomicBoolean();

    DemoCommand(Function<SluiceConfig, Engine> engines, GracefulShutdown shutdown) {
        this.engines = engines;
        this.shutdown = shutdown;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        shutdown.arm(() -> interrupted.set(true));
        Path stateDir = Files.createTempDirectory("sluice-demo-");
        try (TestPostgres postgres = startPostgres(out); TestKafka kafka = noKafka ? null : startKafka(out)) {
            String database = postgres.createDatabase("sluice_demo");
            try (DemoShop shop = new DemoShop(postgres.connect(database))) {
                shop.create();
                say(out, "Created database %s with tables %s and a few rows", database, String.join(", ", DemoShop.TABLES));
                SluiceConfig config = config(postgres, database, kafka, stateDir);
                say(out, "Starting Sluice: a snapshot of schema %s, then its changes, %s", DemoShop.SCHEMA,
                        kafka == null ? "as JSON lines on stdout" : "to topics " + String.join(", ", topics()));
                return stream(out, shop, EngineThread.start(engines.apply(config)), kafka);
            }
        } finally {
            shutdown.disarm();
            deleteRecursively(stateDir);
        }
    }

    private int stream(PrintWriter out, DemoShop shop, EngineThread engine, TestKafka kafka) throws InterruptedException {
        DemoWriter writer = new DemoWriter(shop, duration, WRITE_PERIOD);
        say(out, "Writing changes for %ss; Ctrl-C stops early", duration.toSeconds());
        DemoEventPrinter printer = new DemoEventPrinter(out);
        try {
            if (kafka == null) {
                awaitEnd(writer, engine);
            } else {
                consume(kafka, printer, writer, engine);
            }
        } finally {
            writer.stop();
            say(out, "Stopping Sluice");
            engine.stop(ENGINE_STOP_LIMIT);
        }
        if (!interrupted.get()) {
            // after Ctrl-C the server may already be going down with the JVM: a failed write is expected
            writer.rethrowFailure();
        }
        say(out, "Done: wrote %d changes%s", shop.writes(),
                kafka == null ? "" : "; " + printer.printed() + " events arrived");
        if (kafka != null && printer.printed() == 0 && !interrupted.get()) {
            throw new IllegalStateException("no events arrived on " + String.join(", ", topics()));
        }
        return 0;
    }

    /**
     * Prints records as they arrive. The test kit's reader calls its condition after every poll with
     * all records so far; printing the new ones there keeps Kafka's client out of this module.
     */
    private void consume(TestKafka kafka, DemoEventPrinter printer, DemoWriter writer, EngineThread engine) {
        int[] seen = {0};
        Progress progress = new Progress();
        TopicReader.of(kafka).readUntil(topics(), records -> {
            for (int i = seen[0]; i < records.size(); i++) {
                var record = records.get(i);
                printer.print(record.topic(), record.key(), record.value());
            }
            seen[0] = records.size();
            return finished(writer, engine, progress.observe(records.size()));
        }, duration.plus(DRAIN_LIMIT).plus(Duration.ofMinutes(1)));
    }

    /** Without Kafka the events go to stdout unseen by the demo: wait for the writer, then a quiet spell. */
    private void awaitEnd(DemoWriter writer, EngineThread engine) {
        Progress noEvents = new Progress();
        while (!finished(writer, engine, noEvents)) {
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private boolean finished(DemoWriter writer, EngineThread engine, Progress progress) {
        if (interrupted.get() || engine.failed() || writer.failed()) {
            return true;
        }
        if (!writer.done()) {
            return false;
        }
        long doneAt = writer.doneAtNanos();
        long now = System.nanoTime();
        boolean quiet = now - Math.max(doneAt, progress.lastChangeNanos) >= QUIET.toNanos();
        return quiet || now - doneAt >= DRAIN_LIMIT.toNanos();
    }

    private static List<String> topics() {
        return DemoShop.TABLES.stream().map(table -> TOPIC_PREFIX + "." + table).toList();
    }

    private static SluiceConfig config(TestPostgres postgres, String database, TestKafka kafka, Path stateDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("database-url", "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + database);
        settings.put("user", postgres.user());
        settings.put("password", postgres.password());
        settings.put("slot", "sluice_demo");
        settings.put("publication", "sluice_demo");
        settings.put("schemas", DemoShop.SCHEMA);
        settings.put("topic-prefix", TOPIC_PREFIX);
        settings.put("state-dir", stateDir.toString());
        settings.put("heartbeat-interval", "2s");
        settings.put("status-interval", "1s");
        // Any free port: the demo must start whatever else listens on this machine; it logs the address.
        settings.put("http-address", "127.0.0.1:0");
        if (kafka != null) {
            settings.put("kafka-bootstrap-servers", kafka.bootstrapServers());
            settings.put("kafka-properties", "linger.ms=5");
        }
        // The user's SLUICE_* variables are for their own database, not the demo's.
        ResolvedSettings resolved = SluiceConfigLoader.resolve(null, name -> null, settings);
        return SluiceConfigLoader.toConfig(resolved);
    }

    private static TestPostgres startPostgres(PrintWriter out) {
        long start = System.nanoTime();
        say(out, "Starting an embedded PostgreSQL server (the first start unpacks it, ~60 MB in /tmp)");
        TestPostgres postgres = TestPostgres.start(Map.of());
        say(out, "PostgreSQL %d is up on port %d (%s)", postgres.majorVersion(), postgres.port(), since(start));
        return postgres;
    }

    private static TestKafka startKafka(PrintWriter out) {
        long start = System.nanoTime();
        say(out, "Starting an in-process Kafka broker");
        TestKafka kafka = TestKafka.startNew();
        say(out, "Kafka is up on %s (%s)", kafka.bootstrapServers(), since(start));
        return kafka;
    }

    private static String since(long startNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.println("-- " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the demo's state in " + dir, e);
        }
    }

    /** When the number of events last changed. */
    private static final class Progress {
        private int events;
        private long lastChangeNanos = System.nanoTime();

        Progress observe(int now) {
            if (now != events) {
                events = now;
                lastChangeNanos = System.nanoTime();
            }
            return this;
        }
    }
}
