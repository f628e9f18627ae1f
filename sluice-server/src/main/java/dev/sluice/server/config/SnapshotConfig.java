package dev.sluice.server.config;

/**
 * How snapshots are read.
 *
 * @param workers                  connections reading the initial snapshot; 0 for the machine's default
 * @param chunkRows                rows per chunk of the initial snapshot
 * @param incrementalChunkRows     rows per chunk of an incremental snapshot
 * @param incrementalRowsPerSecond throttle of incremental snapshots; 0 for none
 */
public record SnapshotConfig(int workers, int chunkRows, int incrementalChunkRows, int incrementalRowsPerSecond) {

    /** The settings' defaults. */
    public static final SnapshotConfig DEFAULTS = new SnapshotConfig(0, 200_000, 4096, 0);
}
