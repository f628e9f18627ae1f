package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.TableId;

/** One piece of the initial snapshot: a block range of a table, numbered in the plan. */
public record PlannedChunk(int index, TableId table, BlockRange blocks) {
}
