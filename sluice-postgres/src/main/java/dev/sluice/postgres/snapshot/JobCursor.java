package dev.sluice.postgres.snapshot;

import java.util.List;

/**
 * Where an incremental snapshot job stands: the last key read (keyset jobs) or the block ranges
 * still to read (block jobs), with counts of what it emitted.
 *
 * @param afterKey the key values (database text) of the last row read; null before the first chunk
 * @param ranges   block ranges still to read; empty for keyset jobs
 * @param done     no chunk is left
 */
public record JobCursor(List<String> afterKey, List<BlockRange> ranges, long rows, int chunks, boolean done) {

    public JobCursor {
        ranges = List.copyOf(ranges);
        afterKey = afterKey == null ? null : List.copyOf(afterKey);
    }

    public static JobCursor keysetStart() {
        return new JobCursor(null, List.of(), 0, 0, false);
    }

    public static JobCursor blocks(List<BlockRange> ranges) {
        return new JobCursor(null, ranges, 0, 0, ranges.isEmpty());
    }

    /** After a keyset chunk: {@code lastKey} of a full chunk, or null when the chunk was the table's last. */
    public JobCursor afterKeysetChunk(List<String> lastKey, long emitted) {
        return new JobCursor(lastKey == null ? afterKey : lastKey, List.of(), rows + emitted, chunks + 1, lastKey == null);
    }

    /** After the first of the remaining block ranges was read. */
    public JobCursor afterBlockChunk(long emitted) {
        List<BlockRange> rest = ranges.subList(1, ranges.size());
        return new JobCursor(null, rest, rows + emitted, chunks + 1, rest.isEmpty());
    }
}
