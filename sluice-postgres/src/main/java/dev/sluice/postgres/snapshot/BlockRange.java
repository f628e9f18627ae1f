package dev.sluice.postgres.snapshot;

/**
 * A range of a table's heap blocks, {@code [from, to)}; {@code to} of -1 reaches past the table's
 * last block, so that rows in blocks added after planning are read too. Any table can be read in
 * such ranges, with or without an index; from PostgreSQL 14 on, a TID range scan reads only them.
 */
public record BlockRange(long from, long to) {

    public static final BlockRange WHOLE = new BlockRange(0, -1);

    public BlockRange {
        if (from < 0 || to != -1 && to <= from) {
            throw new IllegalArgumentException("bad block range " + from + ".." + to);
        }
    }

    public boolean whole() {
        return from == 0 && to == -1;
    }

    /** The WHERE condition that selects the rows stored in these blocks; {@code true} for the whole table. */
    public String predicate() {
        if (whole()) {
            return "true";
        }
        String lower = "ctid >= '(" + from + ",0)'::tid";
        return to == -1 ? lower : lower + " AND ctid < '(" + to + ",0)'::tid";
    }

    /** Splits into ranges of at most {@code blocks} blocks; an open end stays open in the last one. */
    public java.util.List<BlockRange> split(long blocks, long tableBlocks) {
        java.util.List<BlockRange> parts = new java.util.ArrayList<>();
        long end = to == -1 ? Math.max(tableBlocks, from) : to;
        long start = from;
        while (end - start > blocks) {
            parts.add(new BlockRange(start, start + blocks));
            start += blocks;
        }
        parts.add(new BlockRange(start, to == -1 ? -1 : end));
        return parts;
    }

    /**
     * Splits into {@code parts} ranges of (nearly) equal blocks, for a range of {@code tableBlocks}
     * blocks when open; an open end stays open in the last one. Fewer parts when there are fewer blocks.
     */
    public java.util.List<BlockRange> splitEvenly(int parts, long tableBlocks) {
        long end = to == -1 ? Math.max(tableBlocks, from) : to;
        long blocks = end - from;
        int count = (int) Math.max(1, Math.min(parts, blocks));
        java.util.List<BlockRange> ranges = new java.util.ArrayList<>(count);
        long start = from;
        for (int i = 1; i <= count; i++) {
            long next = from + blocks * i / count;
            ranges.add(i == count ? new BlockRange(start, to == -1 ? -1 : end) : new BlockRange(start, next));
            start = next;
        }
        return ranges;
    }

    @Override
    public String toString() {
        return from + "-" + (to == -1 ? "" : Long.toString(to));
    }

    /** The inverse of {@link #toString()}. */
    public static BlockRange parse(String text) {
        int dash = text.indexOf('-');
        String upper = text.substring(dash + 1);
        return new BlockRange(Long.parseLong(text.substring(0, dash)), upper.isEmpty() ? -1 : Long.parseLong(upper));
    }
}
