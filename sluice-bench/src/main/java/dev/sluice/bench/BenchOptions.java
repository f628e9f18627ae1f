package dev.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line, parsed once and then fixed.
 *
 * @param scale      sizes of the workloads
 * @param workloads  names of the workloads to run, in {@link Scale#WORKLOADS} order
 * @param contenders contenders chosen; empty runs each workload's defaults
 * @param out        where results are written ({@code bench/results})
 * @param jfr        record a JFR profile of every child JVM next to its log
 * @param help       print the usage and stop
 */
public record BenchOptions(Scale scale, List<String> workloads, Set<Contender> contenders, Path out, boolean jfr, boolean help) {

    public static final String USAGE = """
            usage: java -jar sluice-bench/target/sluice-bench.jar [options]
              --quick                 a tenth of the sizes, short latency runs (development)
              --full                  the issue's sizes throughout (wide 1M changes, snapshot 2M rows, latency 60 s);
                                      about 35 minutes
              --workloads a,b         of stream, wide, snapshot, incremental, latency, bigtx (default: all)
              --contenders a,b        of pg_recvlogical, pgjdbc-raw, copy-text, copy-binary, debezium-count, debezium-count-raised,
                                      debezium-kafka, debezium-kafka-raised, sluice-discard, sluice-discard-debezium-json,
                                      sluice-discard-debezium-json-schemaless, sluice-discard-avro, sluice-kafka
                                      (default: every workload's own set)
              --snapshot-rows N       rows of the snapshot and incremental tables (e.g. 10000000)
              --latency-seconds N     measured seconds per latency run
              --out DIR               results directory (default bench/results)
              --jfr                   record a JFR profile of every contender JVM (next to its log in DIR/tmp/)
            """;

    public static BenchOptions parse(String... args) {
        Scale scale = Scale.STANDARD;
        List<String> workloads = Scale.WORKLOADS;
        Set<Contender> contenders = new LinkedHashSet<>();
        Path out = Path.of("bench", "results");
        boolean jfr = false;
        boolean help = false;
        Integer snapshotRows = null;
        Integer latencySeconds = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> scale = Scale.QUICK;
                case "--full" -> scale = Scale.FULL;
                case "--workloads" -> workloads = workloads(value(args, ++i, arg));
                case "--contenders" -> Arrays.stream(value(args, ++i, arg).split(",")).map(Contender::of).forEach(contenders::add);
                case "--snapshot-rows" -> snapshotRows = positive(value(args, ++i, arg), arg);
                case "--latency-seconds" -> latencySeconds = positive(value(args, ++i, arg), arg);
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--jfr" -> jfr = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        if (snapshotRows != null) {
            scale = scale.withSnapshotRows(snapshotRows);
        }
        if (latencySeconds != null) {
            scale = scale.withLatencySeconds(latencySeconds);
        }
        return new BenchOptions(scale, workloads, Set.copyOf(contenders), out, jfr, help);
    }

    private static List<String> workloads(String list) {
        List<String> chosen = new ArrayList<>();
        for (String name : list.split(",")) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            if (!Scale.WORKLOADS.contains(wanted)) {
                throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + Scale.WORKLOADS);
            }
            chosen.add(wanted);
        }
        return Scale.WORKLOADS.stream().filter(chosen::contains).toList();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text.replace("_", "").replace(",", ""));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive number, not '" + text + "'");
    }
}
