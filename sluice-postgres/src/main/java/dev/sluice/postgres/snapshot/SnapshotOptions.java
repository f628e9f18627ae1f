package dev.sluice.postgres.snapshot;

import java.nio.file.Path;

/**
 * How snapshots are taken.
 *
 * @param workers            connections reading the initial snapshot's chunks at once
 * @param chunkRows          rows per chunk of the initial snapshot (converted to a block range from
 *                           the catalog's row density)
 * @param incrementalChunkRows rows per chunk of an incremental snapshot
 * @param incrementalRowsPerSecond the incremental snapshot's throttle; 0 for none
 * @param stateDir           where the snapshot's progress file is kept, beside the source's state; null to
 *                           keep progress in memory only (a crash then starts the snapshot over)
 */
public record SnapshotOptions(int workers, long chunkRows, int incrementalChunkRows, long incrementalRowsPerSecond,
        Path stateDir) {

    public static final int DEFAULT_WORKERS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
    public static final long DEFAULT_CHUNK_ROWS = 200_000;
    public static final int DEFAULT_INCREMENTAL_CHUNK_ROWS = 4096;

    public static SnapshotOptions defaults(Path stateDir) {
        return new SnapshotOptions(DEFAULT_WORKERS, DEFAULT_CHUNK_ROWS, DEFAULT_INCREMENTAL_CHUNK_ROWS, 0, stateDir);
    }
}
