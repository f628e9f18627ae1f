package dev.sluice.bench.report;

import dev.sluice.bench.Contender;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a results page says: when and where it was measured, with which settings, every
 * parameter, and the figures. {@link #markdown(String)} renders it; the chart is drawn separately.
 *
 * @param date        UTC date and time of the run, {@code 2026-11-21 18:40 UTC}
 * @param commit      abbreviated commit the benchmark was built from
 * @param machine     cores, memory, CPU, JVM, kernel
 * @param load        load averages before and after the run
 * @param postgres    {@code SELECT version()}
 * @param settings    live server settings
 * @param environment other facts (broker, pg_recvlogical binary, child JVM options, duration)
 * @param parameters  every workload's parameters
 */
public record Report(String date, String commit, String machine, String load, String postgres,
        Map<String, String> settings, List<String> environment, List<String> parameters, List<Measurement> measurements) {

    /** Said when the incremental snapshot has no Debezium figure. */
    static final String DEBEZIUM_INCREMENTAL_NOT_RUN = "Debezium's incremental snapshot (signal table, its defaults) runs"
            + " only when chosen (`--contenders sluice-discard,sluice-kafka,debezium-count`): it read about 12,000 rows/s"
            + " in a quick run here, so the standard run's 1M rows would cost it about a minute and a half of a"
            + " 15-minute budget.";

    public String markdown(String chartFile) {
        Comparison comparison = new Comparison(measurements);
        StringBuilder out = new StringBuilder();
        out.append("# Sluice benchmark, ").append(date).append(", commit ").append(commit).append("\n\n");
        out.append("- **Machine**: ").append(machine).append("\n");
        out.append("- **Load average** (1/5/15 min): ").append(load).append("\n");
        out.append("- **PostgreSQL**: ").append(postgres).append("\n");
        out.append("- **Server settings** (live): ");
        settings.forEach((k, v) -> out.append('`').append(k).append('=').append(v).append("` "));
        out.append("\n");
        environment.forEach(line -> out.append("- ").append(line).append("\n"));
        out.append("\n## Results\n\n");
        out.append("events/s: events (rows for the snapshots) drained per second, first event to last; × limit: over")
                .append(" pg_recvlogical (streams) or text COPY (snapshots: the incremental one over the snapshot workload's),")
                .append(" not for the big transaction (pg_recvlogical's time there")
                .append(" includes the server decoding the whole transaction before its first row); × Debezium: Sluice over the faster Debezium")
                .append(" variant doing the same job (counting for the discarding sink, Kafka for Kafka); latency:")
                .append(" commit → acknowledgement; CPU s and peak RSS: the contender's whole process.\n\n");
        out.append(ResultTable.main(comparison)).append("\n");
        out.append("![results](").append(chartFile).append(")\n\n");
        out.append("## Targets (issue 3)\n\n").append(Targets.markdown(Targets.check(comparison))).append("\n");
        String snapshots = ResultTable.snapshots(comparison);
        if (!snapshots.isEmpty()) {
            out.append("## Snapshots: initial and incremental (issue 4)\n\n")
                    .append("Each contender's incremental snapshot (requested with `sluice.snapshot()` while a writer")
                    .append(" changes the table and the stream flows; chunks between watermarks, one at a time) next to its")
                    .append(" initial snapshot (parallel workers, from the slot's exported snapshot, before streaming) of the")
                    .append(" same table shape. × COPY text: over one text COPY of the snapshot workload's table; × Debezium:")
                    .append(" over the faster comparable Debezium's snapshot of the same kind; × initial: the incremental over the")
                    .append(" initial.")
                    .append(comparison.all().stream().anyMatch(m -> m.workload().equals(Comparison.INCREMENTAL)
                            && m.contender().family() == Contender.Family.DEBEZIUM) ? "" : " " + DEBEZIUM_INCREMENTAL_NOT_RUN)
                    .append("\n\n")
                    .append(snapshots).append("\n");
        }
        String encoders = ResultTable.encoders(comparison);
        if (!encoders.isEmpty()) {
            out.append("## Formats (issue 6)\n\n")
                    .append("Sluice into the discarding sink with each value format, on the same changes: only the encoder")
                    .append(" differs. × json: over `sluice-discard` (Sluice's own json); CPU µs/event: the contender's")
                    .append(" whole process, JVM start included, over its events. By default the stream compares json,")
                    .append(" debezium-json (schemas on, its default) and avro; `--contenders` adds debezium-json without")
                    .append(" schemas and the other workloads.\n\n")
                    .append(encoders).append("\n");
        }
        String heap = ResultTable.heap(measurements);
        if (!heap.isEmpty()) {
            out.append("## Big transaction: memory\n\n").append(heap).append("\n");
        }
        out.append("## Parameters\n\n");
        parameters.forEach(p -> out.append("- ").append(p).append("\n"));
        out.append("\n## Contenders\n\n");
        for (Contender contender : Contender.values()) {
            out.append("- `").append(contender.id()).append("`: ").append(contender.description()).append("\n");
        }
        List<Measurement> failed = measurements.stream().filter(m -> !m.done()).toList();
        if (!failed.isEmpty()) {
            out.append("\n## Runs that did not finish\n\n");
            failed.forEach(m -> out.append(String.format(Locale.ROOT, "- %s / %s: %s — %s%n", m.workload(),
                    m.contender().id(), m.status(), m.note())));
        }
        return out.toString();
    }
}
