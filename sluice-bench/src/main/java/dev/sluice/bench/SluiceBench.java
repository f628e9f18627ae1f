package dev.sluice.bench;

import dev.sluice.bench.report.Comparison;
import dev.sluice.bench.report.Measurement;
import dev.sluice.bench.report.Report;
import dev.sluice.bench.report.ReportWriter;
import dev.sluice.bench.report.ResultTable;
import dev.sluice.bench.run.ChildJvm;
import dev.sluice.bench.run.PgRecvLogical;
import dev.sluice.bench.workload.BenchContext;
import dev.sluice.bench.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar sluice-bench.jar}: starts its own PostgreSQL and Kafka, runs the workloads with
 * every contender side by side, and writes the results page and chart under {@code bench/results}.
 * The README's benchmark section shows how to run it.
 */
public final class SluiceBench {

    private SluiceBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        System.setProperty("java.awt.headless", "true");
        Path written = run(options, String.join(" ", args));
        System.out.println("\nresults: " + written.toAbsolutePath() + " (and latest.md, latest.png next to it)");
    }

    private static Path run(BenchOptions options, String arguments) throws Exception {
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        long startNanos = System.nanoTime();
        String commit = GitCommit.shortCommit(Path.of(""));
        Machine machine = Machine.current();
        String loadBefore = Machine.loadAverage();
        List<Workload> workloads = options.scale().workloads(options.workloads());
        List<String> parameters = new ArrayList<>();
        workloads.forEach(w -> parameters.addAll(w.parameters()));
        Path logDir = options.out().resolve("tmp").resolve(started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        PgRecvLogical recvlogical = new PgRecvLogical(PgRecvLogical.locate(), logDir);
        System.out.println("Sluice benchmark, commit " + commit + ", scale " + options.scale().name() + " on " + machine.describe());
        System.out.println("load average " + loadBefore + "; logs in " + logDir);
        parameters.forEach(p -> System.out.println("  " + p));

        List<Measurement> results = new ArrayList<>();
        Map<String, String> settings;
        String postgres;
        try (BenchEnvironment environment = BenchEnvironment.start()) {
            settings = environment.settings();
            postgres = environment.serverVersion();
            System.out.println(postgres);
            System.out.println("live settings: " + settings);
            ChildJvm jvm = new ChildJvm(List.of(), logDir, options.jfr());
            BenchContext context = new BenchContext(environment.postgres(), environment.kafkaBootstrap(),
                    environment::deleteTopics, jvm, recvlogical, options.contenders(), System.out);
            for (Workload workload : workloads) {
                System.out.println("== " + workload.name());
                results.addAll(workload.run(context));
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        List<String> environmentLines = List.of(
                "**Kafka**: single-node KRaft broker " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                        + " inside the harness JVM, topics of one partition; every contender writes to the same broker",
                "**Debezium**: " + debeziumVersion() + " embedded (asynchronous engine), PostgreSQL connector, pgoutput",
                "**pg_recvlogical**: " + recvlogical.binary(),
                "**Contender JVMs**: one per run, " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version") + ", default heap and GC unless stated",
                String.format(Locale.ROOT, "**Run**: scale %s, %d min %d s; `java -jar sluice-bench/target/sluice-bench.jar %s`",
                        options.scale().name(), elapsed.toMinutes(), elapsed.toSecondsPart(), arguments).replace("  `", "`"));
        Report report = new Report(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)), commit,
                machine.describe(), loadBefore + " before, " + Machine.loadAverage() + " after", postgres, settings,
                environmentLines, parameters, results);
        System.out.println();
        System.out.print(ResultTable.main(new Comparison(results)));
        String encoders = ResultTable.encoders(new Comparison(results));
        if (!encoders.isEmpty()) {
            System.out.print("\nformats, Sluice into the discarding sink:\n" + encoders);
        }
        String snapshots = ResultTable.snapshots(new Comparison(results));
        if (!snapshots.isEmpty()) {
            System.out.print("\nsnapshots, initial and incremental:\n" + snapshots);
        }
        return ReportWriter.write(report, started.format(DateTimeFormatter.ISO_LOCAL_DATE), options.out());
    }

    private static String debeziumVersion() {
        String version = io.debezium.engine.DebeziumEngine.class.getPackage().getImplementationVersion();
        return "Debezium " + (version == null ? "3.6.3.Final" : version);
    }
}
