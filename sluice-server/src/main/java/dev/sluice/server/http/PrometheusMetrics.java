package dev.sluice.server.http;

import dev.sluice.core.event.Operation;
import dev.sluice.core.event.TableId;
import dev.sluice.core.pipeline.LatencyHistogram;
import dev.sluice.core.pipeline.PipelineStats;
import dev.sluice.server.engine.EngineState;
import dev.sluice.server.engine.EngineView;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code /metrics}: the engine's counters as Prometheus metrics, read fresh on every scrape (the
 * counters are cheap to read, so nothing is kept between scrapes). Every counter lives as long as
 * the process, across the engine's retries, so {@code rate()} stays right.
 */
final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    static String scrape(EngineView engine) {
        PrometheusText text = new PrometheusText();
        PipelineStats stats = engine.stats();
        events(text, stats);
        text.metric("sluice_bytes_total", "counter", "Bytes of keys and values handed to the sink.", stats.bytes());
        skipped(text, stats);
        lag(text, engine);
        snapshots(text, engine.snapshots());
        latency(text, stats.latency());
        text.metric("sluice_errors_total", "counter", "Faults retried since the process started.", engine.errors());
        text.metric("sluice_heartbeats_total", "counter", "Heartbeats done (the slot's position advanced or reported).",
                engine.heartbeats());
        text.metric("sluice_sink_reachable", "gauge", "1 when the sink (Kafka) answered its last check, else 0.",
                engine.sinkReachable() ? 1 : 0);
        state(text, engine.state());
        text.metric("sluice_info", "gauge", "Always 1; the slot this Sluice reads as a label.", 1, "slot", engine.slot());
        return text.text();
    }

    private static void events(PrometheusText text, PipelineStats stats) {
        text.family("sluice_events_total", "counter",
                "Events emitted, by table and operation (read: a snapshot row; insert, update, delete, truncate: changes).");
        for (Map.Entry<TableId, Map<Operation, Long>> table : stats.byTable().entrySet()) {
            for (Map.Entry<Operation, Long> op : table.getValue().entrySet()) {
                text.sample("sluice_events_total", op.getValue(),
                        "table", table.getKey().toString(), "operation", EngineJson.operation(op.getKey()));
            }
        }
    }

    private static void skipped(PrometheusText text, PipelineStats stats) {
        text.family("sluice_skipped_changes_total", "counter",
                "Changes the source could not capture, by table (see the log for why).");
        stats.skipped().forEach((table, count) -> text.sample("sluice_skipped_changes_total", count, "table", table.toString()));
    }

    private static void lag(PrometheusText text, EngineView engine) {
        OptionalLong lagBytes = engine.lagBytes();
        // Unknown before the first heartbeat: no sample then, rather than a made-up 0.
        if (lagBytes.isPresent()) {
            text.metric("sluice_lag_bytes", "gauge", "WAL bytes between the server's position and the slot's confirmed one.",
                    lagBytes.getAsLong());
        }
        text.family("sluice_lag_milliseconds", "gauge",
                        "Milliseconds since the newest change the sink acknowledged, while changes wait; 0 when none waits.")
                .sample("sluice_lag_milliseconds", engine.lagMillis());
    }

    private static void snapshots(PrometheusText text, EngineView.SnapshotMetrics s) {
        text.metric("sluice_snapshot_rows_total", "counter", "Rows read by the initial snapshot.", s.rows());
        text.metric("sluice_snapshot_rows_estimated", "gauge", "The catalog's estimate of the initial snapshot's rows (0 when none runs).",
                s.estimatedRows());
        text.metric("sluice_snapshot_chunks_done", "gauge", "Initial snapshot chunks delivered.", s.chunksDone());
        // Not sluice_snapshot_chunks_total: a _total suffix marks a counter, and this is a planned number.
        text.metric("sluice_snapshot_chunks_planned", "gauge", "Initial snapshot chunks planned.", s.chunksTotal());
        text.metric("sluice_snapshot_tables_left", "gauge", "Tables of the initial snapshot not yet finished.", s.tablesLeft());
        text.metric("sluice_incremental_snapshot_rows_total", "counter", "Rows emitted by incremental snapshots.",
                s.incrementalRows());
        text.metric("sluice_incremental_snapshot_jobs", "gauge", "Incremental snapshots queued or running.", s.incrementalJobs());
    }

    private static void latency(PrometheusText text, LatencyHistogram histogram) {
        String name = "sluice_sink_latency_seconds";
        text.family(name, "histogram", "Seconds from a change's commit to the sink's acknowledgement (streamed changes only).");
        long[] bounds = LatencyHistogram.boundsMillis();
        long[] counts = histogram.cumulativeCounts();
        for (int i = 0; i < bounds.length; i++) {
            text.sample(name + "_bucket", counts[i], "le", PrometheusText.seconds(bounds[i]));
        }
        long count = counts[counts.length - 1];
        text.sample(name + "_bucket", count, "le", "+Inf");
        text.sample(name + "_sum", PrometheusText.seconds(histogram.sumMillis()));
        // The +Inf bucket's count, not a second read: the two must agree.
        text.sample(name + "_count", count);
    }

    private static void state(PrometheusText text, EngineState current) {
        text.family("sluice_state", "gauge", "1 for the state Sluice is in (starting, snapshotting, streaming, suspended, retrying, stopped), else 0.");
        for (EngineState state : EngineState.values()) {
            text.sample("sluice_state", state == current ? 1 : 0, "state", EngineJson.state(state));
        }
    }
}
