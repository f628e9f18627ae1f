package dev.sluice.postgres.snapshot;

/**
 * A table's size as the catalog estimates it.
 *
 * @param blocks       heap blocks now
 * @param estimatedRows rows by the planner's statistics (or a guess from the blocks when never analysed)
 */
public record TableSize(long blocks, long estimatedRows) {

    /** Rows per block assumed for a table that was never analysed: a row of about 120 bytes. */
    static final double GUESSED_ROWS_PER_BLOCK = 60;

    public double rowsPerBlock() {
        return blocks == 0 || estimatedRows == 0 ? GUESSED_ROWS_PER_BLOCK : Math.max(1.0, (double) estimatedRows / blocks);
    }

    /** Blocks that hold about {@code rows} rows, at least one. */
    public long blocksFor(long rows) {
        return Math.max(1, (long) Math.ceil(rows / rowsPerBlock()));
    }
}
