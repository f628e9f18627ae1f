package dev.sluice.server.config;

/**
 * How snapshots are read.
 *
 * @param workers                  connections reading the initial snapshot; 0 for the machine's default
 * @param chunkRows                rows per chunk of the initial snapshot
 * @param incrementalChunkRows     rows per chunk of an incremental snapshot
 * @param incrementalRowsPerSecond throttle of incremental snapshots; 0 for none
 * @param viaPartitionRoot         capture partitioned tables through their roots
 */
public record SnapshotConfig(int workers, int chunkRows, int incrementalChunkRows, int incrementalRowsPerSecond,
        boolean viaPartitionRoot) {

    /** The settings' defaults. */
    public static final SnapshotConfig DEFAULTS = new SnapshotConfig(0, 200_000, 4096, 0, false);

    public SnapshotConfig(int workers, int chunkRows, int incrementalChunkRows, int incrementalRowsPerSecond) {
        this(workers, chunkRows, incrementalChunkRows, incrementalRowsPerSecond, false);
    }
}
