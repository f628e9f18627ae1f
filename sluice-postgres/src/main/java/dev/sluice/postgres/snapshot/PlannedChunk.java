package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.TableId;

/**
 * One piece of the initial snapshot, numbered in the plan: a block range of {@code source}, the
 * heap that holds the rows — the captured table itself, or a leaf partition of a partitioned table
 * captured through its root, whose rows are emitted as {@code table}'s.
 */
public record PlannedChunk(int index, TableId table, TableId source, BlockRange blocks) {

    public PlannedChunk(int index, TableId table, BlockRange blocks) {
        this(index, table, table, blocks);
    }
}
