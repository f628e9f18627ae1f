package dev.sluice.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.event.Operation;
import dev.sluice.core.event.TableId;
import dev.sluice.core.pipeline.LatencyHistogram;
import dev.sluice.core.pipeline.PipelineStats;
import dev.sluice.server.engine.EngineState;
import dev.sluice.server.engine.EngineView;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The engine's counters and state as JSON ({@code /stats}, and {@code /status} when the control
 * plane cannot answer), in the words users see elsewhere: operations as in SQL (insert, not
 * create), states in lower case.
 */
final class EngineJson {

    private EngineJson() {
    }

    /** insert, update, delete, truncate or read (a snapshot row). */
    static String operation(Operation op) {
        return switch (op) {
            case CREATE -> "insert";
            case UPDATE -> "update";
            case DELETE -> "delete";
            case TRUNCATE -> "truncate";
            case READ -> "read";
        };
    }

    static String state(EngineState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Everything {@code /stats} shows. */
    static ObjectNode stats(EngineView engine) {
        PipelineStats stats = engine.stats();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("state", state(engine.state()));
        json.put("slot", engine.slot());
        ObjectNode events = json.putObject("events");
        events.put("total", stats.total());
        for (Operation op : Operation.values()) {
            events.put(operation(op), stats.count(op));
        }
        ObjectNode tables = json.putObject("tables");
        for (Map.Entry<TableId, Map<Operation, Long>> table : stats.byTable().entrySet()) {
            ObjectNode counts = tables.putObject(table.getKey().toString());
            table.getValue().forEach((op, count) -> counts.put(operation(op), count));
        }
        json.put("bytes", stats.bytes());
        ObjectNode skipped = json.putObject("skipped");
        stats.skipped().forEach((table, count) -> skipped.put(table.toString(), count));
        ObjectNode lag = json.putObject("lag");
        putOptional(lag, "bytes", engine.lagBytes());
        lag.put("ms", engine.lagMillis());
        EngineView.SnapshotMetrics snapshots = engine.snapshots();
        ObjectNode snapshot = json.putObject("snapshot");
        snapshot.put("rows", snapshots.rows());
        snapshot.put("estimated_rows", snapshots.estimatedRows());
        snapshot.put("chunks_done", snapshots.chunksDone());
        snapshot.put("chunks_planned", snapshots.chunksTotal());
        snapshot.put("tables_left", snapshots.tablesLeft());
        snapshot.put("incremental_rows", snapshots.incrementalRows());
        snapshot.put("incremental_jobs", snapshots.incrementalJobs());
        LatencyHistogram latency = stats.latency();
        ObjectNode sink = json.putObject("sink_latency");
        sink.put("count", latency.count());
        sink.put("sum_ms", latency.sumMillis());
        json.put("sink_reachable", engine.sinkReachable());
        json.put("errors", engine.errors());
        json.put("last_error", engine.lastError());
        json.put("heartbeats", engine.heartbeats());
        return json;
    }

    /** What the engine alone knows of its status, for when {@code sluice.status()} cannot be read. */
    static ObjectNode status(EngineView engine, String controlProblem) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("state", state(engine.state()));
        json.put("slot", engine.slot());
        json.put("sink_reachable", engine.sinkReachable());
        putOptional(json, "lag_bytes", engine.lagBytes());
        json.put("lag_ms", engine.lagMillis());
        json.put("errors", engine.errors());
        json.put("last_error", engine.lastError());
        json.put("heartbeats", engine.heartbeats());
        json.put("control_unavailable", controlProblem);
        return json;
    }

    private static void putOptional(ObjectNode json, String name, OptionalLong value) {
        if (value.isPresent()) {
            json.put(name, value.getAsLong());
        } else {
            json.putNull(name);
        }
    }
}
