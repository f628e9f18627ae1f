package dev.sluice.server.engine;

/** What the engine is doing now, as shown by status and metrics. */
public enum EngineState {
    /** Connecting and checking the server. */
    STARTING,
    /** Reading the initial snapshot. */
    SNAPSHOTTING,
    /** Streaming changes (incremental snapshots may run alongside). */
    STREAMING,
    /** Suspended by sluice.suspend(): connected to nothing, waiting for sluice.resume(). */
    SUSPENDED,
    /** A transient fault: waiting to retry. */
    RETRYING,
    /** Stopped, by request or by a fatal fault. */
    STOPPED
}
