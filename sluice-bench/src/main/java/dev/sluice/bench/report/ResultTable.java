package dev.sluice.bench.report;

import dev.sluice.bench.Contender;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results as markdown tables: the main one (every workload and contender: rate, ratios,
 * latency, CPU, RSS), Sluice's formats side by side, initial and incremental snapshots side by
 * side and the big transaction's memory. Pure formatting, so it is unit-tested.
 */
public final class ResultTable {

    static final String DASH = "—";

    private ResultTable() {
    }

    public static String main(Comparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append("| workload | contender | events/s | × limit | × Debezium | p50 ms | p99 ms | max ms | CPU s | peak RSS MB |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement m : comparison.all()) {
            out.append("| ").append(m.workload())
                    .append(" | ").append(m.contender().id())
                    .append(" | ").append(rate(m))
                    .append(" | ").append(ratio(comparison.toLimit(m)))
                    .append(" | ").append(ratio(comparison.toDebezium(m)))
                    .append(" | ").append(m.latency() == null ? DASH : millis(m.latency().p50()))
                    .append(" | ").append(m.latency() == null ? DASH : millis(m.latency().p99()))
                    .append(" | ").append(m.latency() == null ? DASH : millis(m.latency().max()))
                    .append(" | ").append(m.done() || m.cpuSeconds() > 0 ? String.format(Locale.ROOT, "%.1f", m.cpuSeconds()) : DASH)
                    .append(" | ").append(m.peakRssMb() > 0 ? String.format(Locale.ROOT, "%,.0f", m.peakRssMb()) : DASH)
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The rows that carry heap figures (the big transaction's), or empty text if there are none. */
    public static String heap(List<Measurement> measurements) {
        List<Measurement> rows = measurements.stream().filter(m -> m.heap() != null || m.workload().equals("bigtx")).toList();
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("| workload | contender | events/s | peak heap MB | heap after GC MB | peak RSS MB |\n");
        out.append("|---|---|---:|---:|---:|---:|\n");
        for (Measurement m : rows) {
            out.append("| ").append(m.workload())
                    .append(" | ").append(m.contender().id())
                    .append(" | ").append(rate(m))
                    .append(" | ").append(m.heap() == null ? DASH : String.format(Locale.ROOT, "%,.0f", m.heap().peakMb()))
                    .append(" | ").append(m.heap() == null ? DASH : String.format(Locale.ROOT, "%,.0f", m.heap().afterGcMb()))
                    .append(" | ").append(m.peakRssMb() > 0 ? String.format(Locale.ROOT, "%,.0f", m.peakRssMb()) : DASH)
                    .append(" |\n");
        }
        return out.toString();
    }

    /**
     * Sluice into the discarding sink with each format, for every workload that measured more than
     * one: a line per workload naming each format's rate (the comparison at a glance), then the
     * figures in a table. Empty text if no workload did.
     */
    public static String encoders(Comparison comparison) {
        List<String> workloads = comparison.all().stream().map(Measurement::workload).distinct()
                .filter(w -> comparison.encoders(w).size() > 1).toList();
        if (workloads.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        workloads.forEach(w -> out.append("- **").append(w).append("**: ").append(encoderLine(comparison, w)).append("\n"));
        out.append("\n| workload | format | contender | events/s | × json | × limit | CPU s | CPU µs/event | peak RSS MB |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        workloads.forEach(w -> comparison.encoders(w).forEach(m -> out.append(encoderRow(comparison, m))));
        return out.toString();
    }

    /** {@code json 109,185/s · avro 95,000/s (0.87× json) · …} */
    static String encoderLine(Comparison comparison, String workload) {
        StringBuilder line = new StringBuilder();
        for (Measurement m : comparison.encoders(workload)) {
            line.append(line.length() == 0 ? "" : " · ").append(m.contender().encoding().label()).append(' ').append(rate(m))
                    .append(m.done() ? "/s" : "")
                    .append(comparison.toJson(m).map(r -> " (" + ratio(Optional.of(r)) + " json)").orElse(""));
        }
        return line.toString();
    }

    /**
     * Each contender's incremental snapshot next to its initial snapshot of the same table shape:
     * rows/s, each over text COPY and over the comparable Debezium's snapshot of the same kind, and
     * the incremental over the initial. Empty text if no incremental snapshot was measured.
     */
    public static String snapshots(Comparison comparison) {
        List<Contender> contenders = comparison.all().stream().filter(m -> m.workload().equals(Comparison.INCREMENTAL))
                .map(Measurement::contender).distinct().toList();
        if (contenders.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("| contender | initial rows/s | × COPY text | × Debezium | incremental rows/s | × COPY text | × Debezium"
                + " | × initial | incremental CPU s | incremental peak RSS MB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Contender contender : contenders) {
            Optional<Measurement> initial = comparison.find(Comparison.SNAPSHOT, contender);
            Measurement incremental = comparison.find(Comparison.INCREMENTAL, contender).orElseThrow();
            out.append("| ").append(contender.id())
                    .append(" | ").append(initial.map(ResultTable::rate).orElse(DASH))
                    .append(" | ").append(ratio(initial.flatMap(comparison::toLimit)))
                    .append(" | ").append(ratio(initial.flatMap(comparison::toDebezium)))
                    .append(" | ").append(rate(incremental))
                    .append(" | ").append(ratio(comparison.toLimit(incremental)))
                    .append(" | ").append(ratio(comparison.toDebezium(incremental)))
                    .append(" | ").append(ratio(comparison.toInitial(incremental)))
                    .append(" | ").append(incremental.done() || incremental.cpuSeconds() > 0
                            ? String.format(Locale.ROOT, "%.1f", incremental.cpuSeconds()) : DASH)
                    .append(" | ").append(incremental.peakRssMb() > 0 ? String.format(Locale.ROOT, "%,.0f", incremental.peakRssMb()) : DASH)
                    .append(" |\n");
        }
        return out.toString();
    }

    /** CPU per event includes the JVM's start and warm-up, which weighs more the shorter the run. */
    private static String encoderRow(Comparison comparison, Measurement m) {
        return "| " + m.workload()
                + " | " + m.contender().encoding().label()
                + " | " + m.contender().id()
                + " | " + rate(m)
                + " | " + ratio(comparison.toJson(m))
                + " | " + ratio(comparison.toLimit(m))
                + " | " + (m.done() ? String.format(Locale.ROOT, "%.1f", m.cpuSeconds()) : DASH)
                + " | " + (m.done() && m.events() > 0 ? String.format(Locale.ROOT, "%.1f", m.cpuSeconds() * 1e6 / m.events()) : DASH)
                + " | " + (m.peakRssMb() > 0 ? String.format(Locale.ROOT, "%,.0f", m.peakRssMb()) : DASH)
                + " |\n";
    }

    /** {@code 188,400} for a finished run, else its status in capitals. */
    static String rate(Measurement m) {
        return m.done() ? String.format(Locale.ROOT, "%,.0f", m.rate()) : "**" + m.status().toUpperCase(Locale.ROOT) + "**";
    }

    static String ratio(Optional<Double> ratio) {
        return ratio.map(r -> String.format(Locale.ROOT, r >= 10 ? "%.1f×" : "%.2f×", r)).orElse(DASH);
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%,.0f" : "%.1f", ms);
    }
}
