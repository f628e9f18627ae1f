package dev.sluice.postgres.snapshot;

import dev.sluice.core.event.TableId;
import dev.sluice.postgres.PgErrors;
import dev.sluice.postgres.catalog.CapturedTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the captured tables into block-range chunks of about {@code chunkRows} rows each. A small
 * table is one chunk. A table of several chunks gets a multiple of the workers, of equal blocks, so
 * that the workers finish it together: with 5 chunks for 2 workers, one would read the last fifth
 * alone while the other core idled (6 smaller chunks take two thirds of the time of 3 such). Before PostgreSQL 14 a block range cannot be scanned by itself (no TID range
 * scan: every chunk would read the whole table), so there every table is one chunk and only
 * tables proceed in parallel.
 */
public final class SnapshotPlanner {

    private static final int TID_RANGE_SCAN_VERSION = 14;
    private static final String SIZE = """
            SELECT pg_relation_size(c.oid) / current_setting('block_size')::bigint,
                   CASE WHEN c.reltuples > 0 THEN c.reltuples::bigint ELSE 0 END
            FROM pg_class c WHERE c.oid = ?""";

    private final Connection catalog;

    public SnapshotPlanner(Connection catalog) {
        this.catalog = catalog;
    }

    /** The chunks, and the rows the catalog estimates they hold (for progress). */
    public record Plan(List<PlannedChunk> chunks, long estimatedRows) {
    }

    /** {@code workers}: the connections that will read the chunks at once. */
    public Plan plan(List<CapturedTable> tables, long chunkRows, int workers) {
        List<PlannedChunk> chunks = new ArrayList<>();
        long estimatedRows = 0;
        boolean rangeScans = rangeScans();
        for (CapturedTable table : tables) {
            for (CapturedTable.Partition heap : table.heaps()) {
                TableSize size = size(heap.oid(), heap.id());
                estimatedRows += size.estimatedRows();
                long blocksPerChunk = size.blocksFor(chunkRows);
                List<BlockRange> ranges = rangeScans && size.blocks() > blocksPerChunk
                        ? BlockRange.WHOLE.splitEvenly(chunkCount(size.blocks(), blocksPerChunk, workers), size.blocks())
                        : List.of(BlockRange.WHOLE);
                for (BlockRange range : ranges) {
                    chunks.add(new PlannedChunk(chunks.size(), table.id(), heap.id(), range));
                }
            }
        }
        return new Plan(chunks, estimatedRows);
    }

    /** Chunks of at most {@code blocksPerChunk} blocks, rounded up to a multiple of the workers. */
    static int chunkCount(long blocks, long blocksPerChunk, int workers) {
        long chunks = (blocks + blocksPerChunk - 1) / blocksPerChunk;
        long perWorker = (chunks + workers - 1) / workers;
        return (int) Math.min(Integer.MAX_VALUE, perWorker * workers);
    }

    /** The table's blocks and estimated rows now. */
    public TableSize size(int oid, TableId table) {
        try (PreparedStatement statement = catalog.prepareStatement(SIZE)) {
            statement.setInt(1, oid);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return new TableSize(0, 0);
                }
                long blocks = rs.getLong(1);
                long rows = rs.getLong(2);
                return new TableSize(blocks, rows > 0 ? rows : (long) (blocks * TableSize.GUESSED_ROWS_PER_BLOCK));
            }
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the size of table " + table.quoted());
        }
    }

    /** Whether a block range reads only its blocks on this server. */
    public boolean rangeScans() {
        return serverMajor() >= TID_RANGE_SCAN_VERSION;
    }

    private int serverMajor() {
        try {
            return catalog.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw PgErrors.classify(e, "cannot read the server version");
        }
    }
}
