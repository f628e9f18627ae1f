package dev.sluice.server.engine;

import dev.sluice.core.pipeline.PipelineStats;
import java.util.OptionalLong;

/**
 * What a running engine shows to health checks, status and metrics. Every method is cheap (values
 * measured on the heartbeat, counters) and callable from any thread.
 */
public interface EngineView {

    EngineState state();

    /** The replication slot it reads. */
    String slot();

    /** Counters of events, bytes and delivery latency. */
    PipelineStats stats();

    /** WAL bytes between the server's current position and the slot's confirmed one, as of the last heartbeat; empty before the first. */
    OptionalLong lagBytes();

    /**
     * Milliseconds between the newest change the sink acknowledged and now, while changes are
     * waiting; 0 when everything received was acknowledged.
     */
    long lagMillis();

    /** Progress of the initial and incremental snapshots. */
    SnapshotMetrics snapshots();

    /** Faults retried so far, and the last one's message (null if none). */
    long errors();

    String lastError();

    /** Heartbeats done (the slot's position advanced or reported). */
    long heartbeats();

    /** Whether the sink (Kafka) answered its last check. */
    boolean sinkReachable();

    /**
     * Snapshot progress.
     *
     * @param rows           rows read by the initial snapshot
     * @param estimatedRows  the catalog's estimate of the initial snapshot's rows (0 when none runs)
     * @param chunksDone     initial snapshot chunks delivered
     * @param chunksTotal    initial snapshot chunks planned
     * @param tablesLeft     tables of the initial snapshot not yet finished
     * @param incrementalRows rows emitted by incremental snapshots
     * @param incrementalJobs incremental snapshots queued or running
     */
    record SnapshotMetrics(long rows, long estimatedRows, long chunksDone, long chunksTotal, long tablesLeft,
            long incrementalRows, long incrementalJobs) {
        public static final SnapshotMetrics NONE = new SnapshotMetrics(0, 0, 0, 0, 0, 0, 0);
    }
}
