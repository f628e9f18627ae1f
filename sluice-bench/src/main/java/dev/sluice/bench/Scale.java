package dev.sluice.bench;

import dev.sluice.bench.workload.BigTransactionWorkload;
import dev.sluice.bench.workload.ChangeMix;
import dev.sluice.bench.workload.IncrementalWorkload;
import dev.sluice.bench.workload.LatencyWorkload;
import dev.sluice.bench.workload.SnapshotWorkload;
import dev.sluice.bench.workload.StreamWorkload;
import dev.sluice.bench.workload.TableShape;
import dev.sluice.bench.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of a run. {@link #STANDARD} is the workloads fitted into 15 minutes on 2
 * cores, where Debezium's runs take most of the time: the stream (whose targets are stated at this
 * size) and the big transaction at full size, the snapshot at half (1M rows), the wide table at a
 * tenth and the latency runs at 15 s instead of 60. Sluice's formats (issue 6) are compared in the
 * stream only; the wide table's formats run when chosen. {@link #FULL} is the sizes throughout
 * (about 35 minutes); {@link #QUICK} about a tenth, for development.
 */
public record Scale(String name, int streamChanges, int wideChanges, int transactionRows, int snapshotRows,
        List<Integer> latencyRates, int latencySeconds, int latencyWarmupSeconds, int bigTransactionRows) {

    public static final Scale STANDARD = new Scale("standard", 1_000_000, 100_000, 100, 1_000_000, List.of(2_000, 10_000), 15, 5, 2_000_000);
    public static final Scale FULL = new Scale("full", 1_000_000, 1_000_000, 100, 2_000_000, List.of(2_000, 10_000), 60, 5, 2_000_000);
    public static final Scale QUICK = new Scale("quick", 100_000, 20_000, 100, 200_000, List.of(2_000, 10_000), 5, 2, 200_000);

    /** Every workload name, in the order they run. */
    public static final List<String> WORKLOADS = List.of("stream", "wide", "snapshot", "incremental", "latency", "bigtx");

    public Scale withSnapshotRows(int rows) {
        return new Scale(name, streamChanges, wideChanges, transactionRows, rows, latencyRates, latencySeconds,
                latencyWarmupSeconds, bigTransactionRows);
    }

    public Scale withLatencySeconds(int seconds) {
        return new Scale(name, streamChanges, wideChanges, transactionRows, snapshotRows, latencyRates, seconds,
                latencyWarmupSeconds, bigTransactionRows);
    }

    /** The named workloads at this scale, in the standard order. */
    public List<Workload> workloads(List<String> names) {
        List<Workload> workloads = new ArrayList<>();
        for (String name : WORKLOADS) {
            if (!names.contains(name)) {
                continue;
            }
            workloads.add(switch (name) {
                case "stream" -> new StreamWorkload("stream", TableShape.TYPICAL, ChangeMix.of(streamChanges, transactionRows), true);
                case "wide" -> new StreamWorkload("wide", TableShape.WIDE, ChangeMix.of(wideChanges, transactionRows), false);
                case "snapshot" -> new SnapshotWorkload(snapshotRows);
                case "incremental" -> new IncrementalWorkload(snapshotRows);
                case "latency" -> new LatencyWorkload(latencyRates, latencySeconds, latencyWarmupSeconds);
                case "bigtx" -> new BigTransactionWorkload(bigTransactionRows);
                default -> throw new IllegalStateException(name);
            });
        }
        return workloads;
    }
}
